// "Train built-in encoder…" under the offscreen platform, on a 30-image Fashion-MNIST demo
// caption set imported into a project: the dialog names what is wrong with each bad value and
// only then disables Train; a one-epoch training runs as a job (progress through the runner),
// its curves get the step losses, the epoch's mean, the temperature and the validation R@1,
// the model and its history appear in the project's folder and the evaluation dialog offers the
// model and selects it; a cancelled training leaves no file behind.
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <set>

#include "core/dataset/demo.h"
#include "core/retrieval/caption_demo.h"
#include "core/retrieval/retrieval_import.h"
#include "core/store/project.h"
#include "widgets/job_runner.h"
#include "widgets/retrieval/builtin_train_curves.h"
#include "widgets/retrieval/builtin_train_dialog.h"
#include "widgets/retrieval/builtin_train_job.h"
#include "widgets/retrieval/builtin_train_window.h"
#include "widgets/retrieval/retrieval_eval_dialog.h"

using namespace winnow;
namespace fs = std::filesystem;

namespace {

std::set<std::string> namesIn(const fs::path& dir) {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
    return out;
}

}  // namespace

class TestRetrievalBuiltinTrain : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path m_project;
    std::string m_skip;

    fs::path root() const { return fs::path(m_tmp.path().toStdString()); }
    void requireProject() {
        if (!m_skip.empty()) QSKIP(m_skip.c_str());
    }
    // A dialog on the project with small, fast settings and `name` as the model file.
    void fill(widgets::BuiltinTrainDialog& d, const QString& name, int epochs) {
        d.epochsSpin()->setValue(epochs);
        d.batchSpin()->setValue(8);
        d.dimSpin()->setValue(16);
        d.outputEdit()->setText(name);
    }

private Q_SLOTS:
    void initTestCase() {
        if (!core::fashionMnistAvailable()) {
            m_skip = "Fashion-MNIST is not installed in " + core::fashionMnistDir().string() +
                     " (apt-get install dataset-fashion-mnist)";
            return;
        }
        core::CaptionDemoOptions demo;
        demo.count = 30;
        demo.seed = 2;
        const auto built = core::buildCaptionDemo(root() / "demo", demo);
        m_project = root() / "project" / "p.winnow";
        fs::create_directories(m_project.parent_path());
        auto project = core::Project::create(m_project);
        core::CaptionImportOptions o;
        o.imageFolder = root() / "demo";
        QVERIFY(core::importCaptionSet(*project, built.captionsFile, o).setId > 0);
    }

    void validationMessages() {
        requireProject();
        widgets::BuiltinTrainDialog d(m_project);
        QCOMPARE(d.setCombo()->count(), 1);
        // The suggested model file is valid: in the project's folder, named after the set.
        QVERIFY2(d.problem().isEmpty(), qPrintable(d.problem()));
        QVERIFY(d.trainButton()->isEnabled());
        QVERIFY2(d.outputEdit()->text().startsWith(QString::fromStdString(m_project.parent_path().string())),
                 qPrintable(d.outputEdit()->text()));
        QVERIFY(d.outputEdit()->text().endsWith(QStringLiteral("captions-cnn-small-d64.wbe")));

        const auto expectProblem = [&](const QString& part) {
            QVERIFY2(d.problem().contains(part), qPrintable(d.problem()));
            QCOMPARE(d.problemLabel()->text(), d.problem());
            QVERIFY(!d.trainButton()->isEnabled());
        };
        d.lrEdit()->setText(QStringLiteral("0,002"));  // a decimal comma
        expectProblem(QStringLiteral("learning rate"));
        d.lrEdit()->setText(QStringLiteral("0"));
        expectProblem(QStringLiteral("above 0"));
        d.lrEdit()->setText(QStringLiteral("2e-3"));
        QVERIFY(d.problem().isEmpty());
        d.seedEdit()->setText(QStringLiteral("-1"));
        expectProblem(QStringLiteral("seed"));
        d.seedEdit()->setText(QStringLiteral("7"));
        d.outputEdit()->setText(QString());
        expectProblem(QStringLiteral("Choose the model file"));
        d.outputEdit()->setText(QStringLiteral("model.pt"));
        expectProblem(QStringLiteral(".wbe"));
        d.outputEdit()->setText(QString::fromStdString((root() / "elsewhere.wbe").string()));
        expectProblem(QStringLiteral("inside the project's folder"));
        d.outputEdit()->setText(QString::fromStdString((m_project.parent_path() / "sub/../../x.wbe").string()));
        expectProblem(QStringLiteral("inside the project's folder"));
        fs::path cache = m_project;
        cache += "-cache";
        d.outputEdit()->setText(QString::fromStdString((cache / "x.wbe").string()));
        expectProblem(QStringLiteral("cache folder"));
        d.outputEdit()->setText(QStringLiteral("missing/x.wbe"));
        expectProblem(QStringLiteral("does not exist"));
        std::ofstream(m_project.parent_path() / "taken.wbe") << "x";
        d.outputEdit()->setText(QStringLiteral("taken.wbe"));
        expectProblem(QStringLiteral("already exists"));
        fs::remove(m_project.parent_path() / "taken.wbe");
        std::ofstream(m_project.parent_path() / "taken.training.json") << "{}";  // the user's file, not ours
        d.outputEdit()->setText(QStringLiteral("other.wbe"));
        d.outputEdit()->setText(QStringLiteral("taken.wbe"));
        expectProblem(QStringLiteral("taken.training.json already exists"));
        fs::remove(m_project.parent_path() / "taken.training.json");
        d.outputEdit()->setText(QStringLiteral("fine.wbe"));  // relative: in the project's folder
        QVERIFY2(d.problem().isEmpty(), qPrintable(d.problem()));
        // A file that appears after the last edit: Train re-checks and the dialog stays open.
        std::ofstream(m_project.parent_path() / "fine.wbe") << "x";
        d.accept();
        QCOMPARE(d.result(), int(QDialog::Rejected));
        QVERIFY2(d.problemLabel()->text().contains(QStringLiteral("already exists")), qPrintable(d.problemLabel()->text()));
        fs::remove(m_project.parent_path() / "fine.wbe");
        d.outputEdit()->setText(QStringLiteral("fine.wbe"));
        const widgets::BuiltinTrainRequest r = d.request();
        QCOMPARE(r.model, m_project.parent_path() / "fine.wbe");
        QCOMPARE(r.options.lr, 2e-3);
        QCOMPARE(r.options.seed, uint64_t(7));
        QCOMPARE(r.options.backbone, std::string("cnn-small"));

        // A project without caption sets.
        const fs::path empty = root() / "empty" / "e.winnow";
        fs::create_directories(empty.parent_path());
        { auto created = core::Project::create(empty); }
        widgets::BuiltinTrainDialog e(empty);
        QVERIFY2(e.problem().contains(QStringLiteral("Import a caption set first")), qPrintable(e.problem()));
        QVERIFY(!e.trainButton()->isEnabled());
    }

    void trainsWithLiveCurvesAndOffersTheModel() {
        requireProject();
        widgets::BuiltinTrainDialog d(m_project);
        fill(d, QStringLiteral("one-epoch.wbe"), 1);
        QVERIFY2(d.problem().isEmpty(), qPrintable(d.problem()));
        widgets::JobRunner runner;
        QSignalSpy progress(&runner, &widgets::JobRunner::jobProgress);
        widgets::BuiltinTrainWindow w(&runner);
        QSignalSpy ended(&w, &widgets::BuiltinTrainWindow::trainingEnded);
        QSignalSpy ready(&w, &widgets::BuiltinTrainWindow::modelReady);
        QSignalSpy steps(w.job(), &widgets::BuiltinTrainJob::stepDone);
        const int id = w.start(m_project, d.request());
        QVERIFY(id > 0);
        QVERIFY(runner.isRunning(id));
        QVERIFY(ended.wait(50000));
        QCOMPARE(ended.at(0).at(0).toBool(), true);
        QCOMPARE(ready.size(), 1);
        // 30 images, 3 held out: 27 train in batches of 8 -> 4 steps, each on the curve.
        QCOMPARE(steps.size(), 4);
        QCOMPARE(w.curves()->values(QStringLiteral("loss")).size(), 4);
        QCOMPARE(w.curves()->values(QStringLiteral("epoch_loss")).size(), 1);
        QVERIFY(w.curves()->values(QStringLiteral("epoch_loss")).at(0) > 0);
        QCOMPARE(w.curves()->values(QStringLiteral("temperature")).size(), 5);
        QCOMPARE(w.curves()->values(QStringLiteral("val_i2t")).size(), 1);
        QCOMPARE(w.curves()->values(QStringLiteral("val_t2i")).size(), 1);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(1).toDouble(), 1.0);
        QVERIFY(w.evaluateButton()->isEnabled());
        QVERIFY(!w.cancelButton()->isEnabled());

        const fs::path model = m_project.parent_path() / "one-epoch.wbe";
        QCOMPARE(w.model(), QString::fromStdString(model.string()));
        QVERIFY(fs::is_regular_file(model));
        QVERIFY(fs::is_regular_file(m_project.parent_path() / "one-epoch.training.json"));

        // The evaluation dialog lists it among the models trained here and, offered, selects it.
        widgets::RetrievalEvalDialog eval(m_project);
        QVERIFY(eval.trainedModelCombo()->findData(QString::fromStdString(model.string())) >= 0);
        eval.offerModel(w.model());
        QCOMPARE(eval.trainedModelCombo()->currentData().toString(), w.model());
        QCOMPARE(eval.modelEdit()->text(), w.model());
        QVERIFY2(eval.problem().isEmpty(), qPrintable(eval.problem()));
        QCOMPARE(eval.request().model, model.string());
        // Picking it from the list fills the model field too.
        eval.modelEdit()->clear();
        Q_EMIT eval.trainedModelCombo()->activated(eval.trainedModelCombo()->currentIndex());
        QCOMPARE(eval.modelEdit()->text(), w.model());
    }

    void cancelLeavesNoFile() {
        requireProject();
        const std::set<std::string> before = namesIn(m_project.parent_path());
        widgets::BuiltinTrainDialog d(m_project);
        fill(d, QStringLiteral("cancelled.wbe"), 5000);
        QVERIFY2(d.problem().isEmpty(), qPrintable(d.problem()));
        widgets::JobRunner runner;
        widgets::BuiltinTrainWindow w(&runner);
        QSignalSpy ended(&w, &widgets::BuiltinTrainWindow::trainingEnded);
        QSignalSpy steps(w.job(), &widgets::BuiltinTrainJob::stepDone);
        QVERIFY(w.start(m_project, d.request()) > 0);
        QVERIFY(steps.wait(30000));
        QTest::mouseClick(w.cancelButton(), Qt::LeftButton);
        QVERIFY(ended.wait(30000));
        QCOMPARE(ended.at(0).at(0).toBool(), false);  // not ok
        QCOMPARE(ended.at(0).at(1).toBool(), true);   // cancelled
        QVERIFY2(w.statusLabel()->text().contains(QStringLiteral("no model file")), qPrintable(w.statusLabel()->text()));
        QVERIFY(!w.evaluateButton()->isEnabled());
        QVERIFY(w.model().isEmpty());
        QCOMPARE(runner.runningCount(), 0);
        // Nothing new in the project's folder: no model, no history, no temporary file.
        std::set<std::string> after = namesIn(m_project.parent_path());
        after.erase("p.winnow-shm");  // SQLite's own files come and go with connections
        after.erase("p.winnow-wal");
        std::set<std::string> expected = before;
        expected.erase("p.winnow-shm");
        expected.erase("p.winnow-wal");
        QCOMPARE(after, expected);
    }
};

QTEST_MAIN(TestRetrievalBuiltinTrain)
#include "tst_retrieval_builtin_train.moc"
