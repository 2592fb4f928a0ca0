// The main window's wiring of Review ▸ Search by Text…: the action opens the dialog, a search
// with hash-demo opens the Review window on the ranked samples (best first, each with the
// query as its reason), in the order the core search gives.
#include <QAction>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include "../core/array_project_fixture.h"
#include "app/gui/mainwindow.h"
#include "app/gui/review_window.h"
#include "core/curation/similarity_search.h"
#include "gui_fixture.h"
#include "widgets/curation/text_search_dialog.h"
#include "widgets/review/review_data.h"
#include "widgets/review/review_queue_model.h"
#include "widgets/review/review_widget.h"

using namespace winnow;

class TestTextSearchWindow : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::filesystem::path m_file;

private Q_SLOTS:
    void initTestCase() {
        // A reviewer name is set, so the Review window asks for none (a modal prompt).
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
        QCoreApplication::setOrganizationName(QStringLiteral("winnow-test"));
        QSettings().setValue(QStringLiteral("review/reviewer"), QStringLiteral("tester"));
        m_file = std::filesystem::path(m_dir.path().toStdString()) / "p.winnow";
        array_fixture::makeArrayProject(m_file, 10);
    }

    void actionOpensDialogAndReviewQueue() {
        gui::MainWindow mw;
        QVERIFY(gui_fixture::openProject(mw, m_file));
        mw.show();
        auto* action = mw.findChild<QAction*>(QStringLiteral("actionSearchByText"));
        QVERIFY(action);
        action->trigger();
        auto* dlg = mw.findChild<widgets::TextSearchDialog*>(QStringLiteral("textSearchDialog"));
        QVERIFY(dlg);
        QVERIFY(dlg->isVisible());
        dlg->modelEdit()->setText(QStringLiteral("hash-demo"));
        dlg->queryEdit()->setText(QStringLiteral("three bright rows"));
        dlg->countBox()->setValue(7);
        QSignalSpy finished(dlg, &widgets::TextSearchDialog::searchFinished);
        QVERIFY(dlg->startSearch() > 0);
        QVERIFY(finished.wait(120000));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));

        gui::ReviewWindow* rw = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((rw = gui_fixture::topLevel<gui::ReviewWindow>()) != nullptr, 20000);
        // The queue holds the 7 hits (the model's rows leave out trusted samples).
        QTRY_VERIFY_WITH_TIMEOUT(rw->review()->model()->reviewData() && rw->review()->model()->reviewData()->n == 7, 20000);
        QVERIFY(rw->review()->model()->rowCount() > 0);
        const auto data = rw->review()->model()->reviewData();
        auto project = core::Project::openReadOnly(m_file);
        core::SimilarityQuery q;
        q.features = "encoder:hash-demo";
        q.text = "three bright rows";
        q.k = 7;
        const auto expect = core::projectSimilaritySearch(*project, q);
        for (int i = 0; i < 7; ++i) {
            const uint32_t row = data->byScore[size_t(i)];
            QCOMPARE(data->ids[row], expect.hits[size_t(i)].id);
            QVERIFY(data->reason[row].contains(QStringLiteral("three bright rows")));
        }
        rw->close();
    }
};

QTEST_MAIN(TestTextSearchWindow)
#include "tst_text_search_window.moc"
