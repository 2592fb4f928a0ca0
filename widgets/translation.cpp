#include "widgets/translation.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace winnow::widgets {

namespace {
// Qt's own standard-button texts (QPlatformTheme::defaultStandardButtonText), listed so
// lupdate puts them into Winnow's catalogues: where the system lacks Qt's translations
// (Debian's qt6-translations-l10n is optional), OK and Cancel still come out in Korean.
// Qt's catalogue, when installed, is consulted first.
[[maybe_unused]] const char* const kQtButtonTexts[] = {
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),       QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save All"), QT_TRANSLATE_NOOP("QPlatformTheme", "Open"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&Yes"),     QT_TRANSLATE_NOOP("QPlatformTheme", "Yes to &All"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&No"),      QT_TRANSLATE_NOOP("QPlatformTheme", "N&o to All"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Abort"),    QT_TRANSLATE_NOOP("QPlatformTheme", "Retry"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Ignore"),   QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),   QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Help"),     QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Reset"),    QT_TRANSLATE_NOOP("QPlatformTheme", "Restore Defaults"),
};
}  // namespace

QString uiLanguage() {
    const QString env = qEnvironmentVariable("WINNOW_LANG");
    if (!env.isEmpty()) return env.section(QLatin1Char('_'), 0, 0).toLower();
    return QLocale::languageToCode(QLocale::system().language());
}

bool installTranslations(QCoreApplication& app, const QString& language) {
    if (language.isEmpty() || language == QLatin1String("en")) return false;
    // The .qm files are compiled into the binary (qt_add_translations), so an installed or
    // relocated binary always finds them.
    auto* ours = new QTranslator(&app);
    if (!ours->load(QStringLiteral(":/i18n/winnow_%1.qm").arg(language))) {
        delete ours;
        return false;
    }
    app.installTranslator(ours);
    // Standard dialog buttons (OK, Cancel, Save) come from Qt's catalogue when present
    // (installed last, so asked first); otherwise from ours (kQtButtonTexts above).
    auto* qt = new QTranslator(&app);
    if (qt->load(QStringLiteral("qtbase_%1").arg(language),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    else
        delete qt;
    return true;
}

}  // namespace winnow::widgets
