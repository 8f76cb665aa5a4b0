package io.fleet.cloud.alexa;

import java.util.LinkedHashMap;
import java.util.Map;

/** The interaction models of every supported locale, loaded once; requests in other locales use en-US's. */
final class SkillModels {

    static final String DEFAULT_LOCALE = "en-US";

    private final Map<String, InteractionModel> models = new LinkedHashMap<>();

    SkillModels() {
        InteractionModel.LOCALES.forEach(l -> models.put(l, InteractionModel.load(l)));
    }

    String localeOf(String requestLocale) {
        return requestLocale != null && models.containsKey(requestLocale) ? requestLocale : DEFAULT_LOCALE;
    }

    InteractionModel model(String locale) {
        return models.get(localeOf(locale));
    }
}
