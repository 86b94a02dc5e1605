"""Who may see and change training records and taxi returns: the directory's area rule.

A training record's district is its organisation's; a taxi return's is its own. Records may
name the person trained, so even seeing one is limited to its district's coordinators and the
county administrators (as the directory's suggestions are); taxi returns are aggregate figures,
readable by every editor and changed only in their own district. Courses are county-wide:
Wagtail's model permissions alone (administrators edit, coordinators read).
"""

from directory.permissions import AreaPermissionPolicy

from .records import TaxiLicensingReturn, TrainingRecord


class TrainingRecordPermissionPolicy(AreaPermissionPolicy):
    """Even viewing a record is for its district's coordinators and county administrators."""

    area_actions = frozenset({"view", "change", "delete"})


def register_policies() -> None:
    """Register the area policies for records and returns with Wagtail (once)."""
    from wagtail.permissions import policy_registry, register_permission_policy

    policies = {
        TrainingRecord: TrainingRecordPermissionPolicy(
            TrainingRecord, area_path="organisation__area"
        ),
        TaxiLicensingReturn: AreaPermissionPolicy(TaxiLicensingReturn, area_path="area"),
    }
    for model, policy in policies.items():
        if not isinstance(policy_registry.get_by_type(model, fallback=False), type(policy)):
            register_permission_policy(model, policy)
