"""Provider connectors. Never imports the gateway, Django or the sandbox.

Entry points for the gateway: ``build_registry`` (``connectors.registry``), the ``Provider`` and
``Connector`` interfaces and ``Credentials``/``CredentialStore`` (``connectors.base``) and the
errors (``connectors.errors``).
"""
