-- Accounts that sign in through an external OpenID Connect provider: known by the provider's issuer and subject,
-- with no password here.
ALTER TABLE account ADD COLUMN oidc_issuer text;
ALTER TABLE account ADD COLUMN oidc_subject text;
ALTER TABLE account ALTER COLUMN password_hash DROP NOT NULL;
CREATE UNIQUE INDEX account_oidc ON account (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL;
