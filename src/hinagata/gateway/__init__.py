"""The enforcement gateway: an OpenAI-compatible proxy that applies the judgment (ゲートウェイ)."""

from hinagata.gateway._app import Gateway, create_app
from hinagata.gateway._config import DEMO_CONFIG, GatewayConfig, load_config
from hinagata.gateway._upstream import DEMO_LABEL

__all__ = ["DEMO_CONFIG", "DEMO_LABEL", "Gateway", "GatewayConfig", "create_app", "load_config"]
