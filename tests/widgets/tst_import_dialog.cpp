// ImportDialog offscreen: an image-folder import with one corrupt file runs as a job, the
// good images are imported and the bad one is listed with its file and a reason.
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "core/dataset/sample_store.h"
#include "core/store/project.h"
#include "widgets/import_dialog.h"
#include "widgets/job_runner.h"

using namespace winnow;

class TestImportDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void importsAndListsProblems() {
        QTemporaryDir dir;
        const QString src = dir.path() + "/data";
        for (const char* cls : {"cat", "dog"}) {
            QDir().mkpath(src + "/" + cls);
            QImage img(12, 10, QImage::Format_RGB32);
            img.fill(Qt::gray);
            QVERIFY(img.save(src + "/" + cls + "/ok.png"));
        }
        {
            QFile bad(src + "/dog/bad.png");
            QVERIFY(bad.open(QIODevice::WriteOnly));
            bad.write("not an image at all");
        }
        const std::filesystem::path file = (dir.path() + "/p.winnow").toStdString();
        core::Project::create(file);

        widgets::JobRunner runner;
        widgets::ImportDialog dlg(file, &runner);
        dlg.setSource("imagefolder", src);
        QCOMPARE(dlg.options().format, std::string("imagefolder"));
        QSignalSpy finished(&dlg, &widgets::ImportDialog::importFinished);
        dlg.show();
        dlg.startImport();
        QVERIFY(dlg.running());
        QVERIFY(finished.wait(30000));
        QVERIFY(!dlg.running());

        const auto& rep = dlg.report();
        QVERIFY(!rep.cancelled);
        QVERIFY(rep.issueCount >= 1);
        auto* issues = dlg.findChild<QTableWidget*>();
        QVERIFY(issues);
        QVERIFY(issues->isVisible());
        bool listed = false;
        for (int r = 0; r < issues->rowCount(); ++r)
            if (issues->item(r, 0)->text().endsWith("bad.png") &&
                !issues->item(r, 2)->text().isEmpty())
                listed = true;
        QVERIFY(listed);

        // The two good images are in the project, under their folder's class.
        auto p = core::Project::open(file);
        core::SampleStore store(p->db());
        const auto table = store.loadTable();
        int readable = 0;
        for (size_t i = 0; i < table.size(); ++i) readable += table.status[i] == 0;
        QCOMPARE(readable, 2);
        QCOMPARE(int(store.classes().size()), 2);
    }

    void emptySourceIsRefused() {
        QTemporaryDir dir;
        const std::filesystem::path file = (dir.path() + "/p.winnow").toStdString();
        core::Project::create(file);
        widgets::JobRunner runner;
        widgets::ImportDialog dlg(file, &runner);
        dlg.startImport();
        QVERIFY(!dlg.running());
        QCOMPARE(runner.runningCount(), 0);
    }
};

QTEST_MAIN(TestImportDialog)
#include "tst_import_dialog.moc"
