"""Flask blueprints: the Xero API surface and the sandbox control plane."""
