import { isLiteral, parseTemplate, TemplateSyntaxError } from '../../../offline/terraform/template';

describe("Terraform's JSON string templates", () => {
  it('reads references, with list indexes', () => {
    expect(parseTemplate('${aws_iam_role.role_1A2B.arn}')).toEqual([
      { kind: 'interpolation', expression: { kind: 'reference', path: ['aws_iam_role', 'role_1A2B', 'arn'], text: 'aws_iam_role.role_1A2B.arn' } },
    ]);
    expect(parseTemplate('${data.terraform_remote_state.in-identity.outputs.cross-stack-output-x}')[0]).toMatchObject({
      expression: { kind: 'reference', path: ['data', 'terraform_remote_state', 'in-identity', 'outputs', 'cross-stack-output-x'] },
    });
    expect(parseTemplate('${aws_x.y.list[1].name}')[0]).toMatchObject({ expression: { path: ['aws_x', 'y', 'list', '1', 'name'] } });
  });

  it('keeps text around interpolations', () => {
    expect(parseTemplate('${aws_api_gateway_rest_api.api.execution_arn}/prod/GET/products')).toEqual([
      { kind: 'interpolation', expression: expect.objectContaining({ kind: 'reference' }) },
      { kind: 'text', text: '/prod/GET/products' },
    ]);
  });

  it('turns $${ and %%{ into the literal ${ and %{, as IAM policy variables need', () => {
    expect(parseTemplate('arn:x/shop/$${aws:PrincipalTag/shopId}/*')).toEqual([{ kind: 'text', text: 'arn:x/shop/${aws:PrincipalTag/shopId}/*' }]);
    expect(parseTemplate('100%%{x}')).toEqual([{ kind: 'text', text: '100%{x}' }]);
    expect(isLiteral('$${aws:username}')).toBe(true);
    expect(isLiteral('${aws_x.y.id}')).toBe(false);
  });

  it('keeps function calls and other expressions as text, to refuse if their value is needed', () => {
    expect(parseTemplate('${sha1(aws_api_gateway_rest_api.api.body)}')[0]).toMatchObject({ expression: { kind: 'call', name: 'sha1' } });
    expect(parseTemplate('${var.a == "b" ? 1 : 2}')[0]).toMatchObject({ expression: { kind: 'unsupported' } });
    expect(parseTemplate('${a.b["c"]}')[0]).toMatchObject({ expression: { kind: 'unsupported' } });
  });

  it('refuses directives, strip markers and unterminated interpolations', () => {
    expect(() => parseTemplate('%{ if true }x%{ endif }')).toThrow(TemplateSyntaxError);
    expect(() => parseTemplate('${~ aws_x.y.id }')).toThrow(/strip markers/);
    expect(() => parseTemplate('${aws_x.y.id')).toThrow(/unterminated interpolation/);
  });
});
