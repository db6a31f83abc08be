"""The repository address in the built pages (Sphinx half of :mod:`wijkcoop.publish.repository`).

``config_inited`` derives from the one repository setting the launch buttons and the
``{{ repository_* }}`` substitutions.
"""

from __future__ import annotations

from typing import Any

from wijkcoop.publish import repository


def config_inited(app: Any, config: Any) -> None:
    """Derive launch buttons and repository substitutions from the one repository setting."""
    opts = dict(config.html_theme_options or {})
    url = repository.check(opts.get("repository_url", ""))
    opts["repository_url"] = url
    if not url:
        # No address, no launch button: sphinx-book-theme adds one only for a set provider URL.
        launch = dict(opts.get("launch_buttons") or {})
        for key in ("binderhub_url", "jupyterhub_url", "colab_url", "deepnote_url"):
            launch[key] = ""
        opts["launch_buttons"] = launch
    config.html_theme_options = opts
    subs = dict(config.myst_substitutions or {})
    subs.update(repository.substitutions(url))
    config.myst_substitutions = subs
