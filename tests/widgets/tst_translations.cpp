// Korean translation: embedded, loaded on request, a known string translates, and no
// message in winnow_ko.ts is left unfinished.
#include <QDialogButtonBox>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QtTest>

#include "widgets/jobs_panel.h"
#include "widgets/job_runner.h"
#include "widgets/translation.h"

using namespace winnow;

class TestTranslations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void languageFromEnvironment() {
        qputenv("WINNOW_LANG", "ko_KR");
        QCOMPARE(widgets::uiLanguage(), QString("ko"));
        qunsetenv("WINNOW_LANG");
    }

    void englishNeedsNoTranslator() {
        QVERIFY(!widgets::installTranslations(*QCoreApplication::instance(), "en"));
        QCOMPARE(QCoreApplication::translate("winnow::widgets::JobsPanel", "Cancel"),
                 QString("Cancel"));
    }

    void koreanLoads() {
        QVERIFY(widgets::installTranslations(*QCoreApplication::instance(), "ko"));
        QCOMPARE(QCoreApplication::translate("winnow::widgets::JobsPanel", "Cancel"),
                 QString::fromUtf8("취소"));
        QCOMPARE(QCoreApplication::translate("winnow::gui::MainWindow", "&File"),
                 QString::fromUtf8("파일(&F)"));
        // A widget built after installation shows Korean text.
        widgets::JobRunner runner;
        widgets::JobsPanel panel(&runner);
        QCOMPARE(widgets::JobsPanel::formatEta(200), QString::fromUtf8("3분 20초"));
    }

    // Issue 16, bug 13: Qt's own button texts (OK, Cancel, Yes, No) in Korean, whether or not
    // the system has Qt's translations installed (this machine has none).
    void qtStandardButtonsInKorean() {
        QVERIFY(widgets::installTranslations(*QCoreApplication::instance(), "ko"));
        QDialogButtonBox box(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
        QCOMPARE(box.button(QDialogButtonBox::Ok)->text(), QString::fromUtf8("확인"));
        QCOMPARE(box.button(QDialogButtonBox::Cancel)->text(), QString::fromUtf8("취소"));
        QMessageBox question(QMessageBox::Question, QStringLiteral("t"), QStringLiteral("q"),
                             QMessageBox::Yes | QMessageBox::No);
        QVERIFY(question.button(QMessageBox::Yes)->text().startsWith(QString::fromUtf8("예")));
        QVERIFY(question.button(QMessageBox::No)->text().startsWith(QString::fromUtf8("아니요")));
    }

    void everyMessageTranslated() {
        QFile ts(QStringLiteral(WINNOW_SOURCE_DIR "/translations/winnow_ko.ts"));
        QVERIFY(ts.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(ts.readAll());
        const int messages = int(text.count(QStringLiteral("<message")));
        QVERIFY(messages > 100);
        QCOMPARE(int(text.count(QStringLiteral("type=\"unfinished\""))), 0);
        QCOMPARE(int(text.count(QStringLiteral("<translation></translation>"))), 0);
        QCOMPARE(int(text.count(QStringLiteral("type=\"vanished\""))), 0);
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
