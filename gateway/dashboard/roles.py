"""Who may do what in the dashboard. Every role reads everything of its customer (no secret is
ever shown after it was created); actions need at least the role listed here.

| action                                   | viewer | developer | admin |
|------------------------------------------|--------|-----------|-------|
| read every page                          | yes    | yes       | yes   |
| resync, relink link, sync settings       |        | yes       | yes   |
| replay a delivery                        |        | yes       | yes   |
| webhook endpoints: create, rotate, on/off|        | yes       | yes   |
| API keys: create, revoke                 |        | yes       | yes   |
| disconnect a linked account (deletes its data), delete an endpoint |  |  | yes |
| users: invite, change role, remove       |        |           | yes   |
"""

from __future__ import annotations

from gateway.dashboard.models import Role

_RANK = {Role.VIEWER: 0, Role.DEVELOPER: 1, Role.ADMIN: 2}

#: The least role each action needs.
ACTIONS: dict[str, Role] = {
    "resync": Role.DEVELOPER,
    "relink": Role.DEVELOPER,
    "sync_settings": Role.DEVELOPER,
    "replay": Role.DEVELOPER,
    "endpoints": Role.DEVELOPER,
    "keys": Role.DEVELOPER,
    "disconnect": Role.ADMIN,
    "delete_endpoint": Role.ADMIN,
    "users": Role.ADMIN,
}


def can(role: str, action: str) -> bool:
    return _RANK[Role(role)] >= _RANK[ACTIONS[action]]


def allowed(role: str) -> dict[str, bool]:
    """`{action: bool}` for the templates (`can.resync`)."""
    return {action: can(role, action) for action in ACTIONS}
