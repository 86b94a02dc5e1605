"""The Content Security Policy: strict everywhere, with one documented exception for the admin.

The public site runs no inline script at all. Wagtail 8's admin still writes inline
`<script>` initialisers and `style` attributes for its chooser and date widgets (upstream
wagtail/wagtail#1288 and #12940), so under `/admin/` alone script-src and style-src also allow
'unsafe-inline'. Everything else in the policy is the same there.
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware

ADMIN_PREFIX = "/admin/"


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith(ADMIN_PREFIX) and parts.replace is None:
            parts.replace = {
                "script-src": [SELF, UNSAFE_INLINE],
                "style-src": [SELF, UNSAFE_INLINE],
            }
        return parts
