#include "widgets/translation.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace winnow::widgets {

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
    // Standard dialog buttons (OK, Cancel, Save) come from Qt's catalogue when present.
    auto* qt = new QTranslator(&app);
    if (qt->load(QStringLiteral("qtbase_%1").arg(language),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    else
        delete qt;
    return true;
}

}  // namespace winnow::widgets
