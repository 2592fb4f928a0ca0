#pragma once
#include <QString>

class QCoreApplication;

namespace winnow::widgets {

// Language to use: WINNOW_LANG if set (e.g. "ko", "en"), else the system locale's.
QString uiLanguage();
// Installs Winnow's embedded translation (and Qt's own, when the system has it) for
// `language`. English needs none; returns true when a Winnow translation was installed.
bool installTranslations(QCoreApplication& app, const QString& language);

}  // namespace winnow::widgets
