import type { PolicyDocument } from '../platform/iam-policy';

/**
 * Serialises an IAM policy for a Terraform argument. IAM policy variables such as
 * `${aws:PrincipalTag/shopId}` must reach AWS literally, so every `${` that is not
 * a cdktf token becomes Terraform's escape `$${` (and `%{` becomes `%%{`).
 */
export function policyJson(document: PolicyDocument): string {
  return escapeTerraformTemplate(JSON.stringify(document));
}

export function escapeTerraformTemplate(text: string): string {
  return text.replace(/\$\{(?!TfToken\[)/g, '$$${').replace(/%\{/g, '%%{');
}
