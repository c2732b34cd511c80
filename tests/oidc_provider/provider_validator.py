"""The claims the test provider puts in ID tokens and userinfo: e-mail (with email_verified) and the
authentication methods (amr) per user, from the PROVIDER_CLAIMS file."""

import json
import os

from oauth2_provider.oauth2_validators import OAuth2Validator


class ClaimsValidator(OAuth2Validator):
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "amr": "openid", "acr": "openid"}

    def get_additional_claims(self, request):
        with open(os.environ["PROVIDER_CLAIMS"], encoding="utf-8") as handle:
            extra = json.load(handle).get(request.user.username, {})
        return {"email": request.user.email, "email_verified": True, **extra}
