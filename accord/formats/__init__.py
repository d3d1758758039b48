"""Each language's own date forms (settings.FORMAT_MODULE_PATH): British English, Belgian/French
French, Belgian Dutch. French "1er" is added by accord.core.templatetags.localised (no format letter says it)."""
