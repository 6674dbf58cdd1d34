import { escapeTerraformTemplate, policyJson } from '../../stacks/policy-json';

describe('policyJson', () => {
  it('escapes IAM policy variables so Terraform passes them to AWS literally', () => {
    const json = policyJson({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'arn:x/GET/shop/${aws:PrincipalTag/shopId}' }],
    });
    expect(json).toContain('arn:x/GET/shop/$${aws:PrincipalTag/shopId}');
  });

  it('leaves cdktf tokens alone so references still resolve', () => {
    expect(escapeTerraformTemplate('${TfToken[TOKEN.12]}/prod/${aws:userid}')).toBe('${TfToken[TOKEN.12]}/prod/$${aws:userid}');
  });

  it('escapes template directives too', () => {
    expect(escapeTerraformTemplate('%{if true}')).toBe('%%{if true}');
  });
});
