/* The map pages' UI strings. The English text is the key: Atlas.t(key) falls back to it, so the
 * English table only lists what differs. Another language maps every key the controls use
 * (tests/test_russian.py finds them by reading the Atlas.t("...") calls). Loaded before the core.
 * Optional keys: "layer.<id>", "grade.<A-D>", "map.<id>", "side.<dom id>" (their English text comes
 * from the page's config). */
(window.MagnitogorskAtlas = window.MagnitogorskAtlas || {}).strings = {
  en: {},
  ru: {},
};
