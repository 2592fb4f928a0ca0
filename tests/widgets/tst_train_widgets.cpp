// Training GUI offscreen: the dialog's TrainConfig, the curves and per-class charts fed with
// hand-written epoch rows, the CMO preview's reproducibility on an image-folder project, and
// a one-epoch training job whose rows reach the Training panel through queued signals.
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QToolButton>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <random>

#include "core/dataset/importer.h"
#include "core/store/project.h"
#include "core/train/device.h"
#include "core/train/trainer.h"
#include "core/util/error.h"
#include "core/util/progress.h"
#include "widgets/job_runner.h"
#include "widgets/train/cmo_preview_dialog.h"
#include "widgets/train/per_class_accuracy_chart.h"
#include "widgets/train/train_dialog.h"
#include "widgets/train/training_curves_widget.h"
#include "widgets/train/training_job.h"
#include "widgets/train/training_panel.h"

using namespace winnow;

namespace {

// Image-folder project: 8×8 RGB PNGs, class k a bright band in rows [2k, 2k+2) plus noise;
// long-tailed train split (30 / 12 / 5) and 4 test images per class.
std::filesystem::path makeProject(const QString& root) {
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> noise(0, 50);
    const int perClass[2][3] = {{30, 12, 5}, {4, 4, 4}};
    const char* names[3] = {"ant", "bee", "cat"};
    for (int s = 0; s < 2; ++s)
        for (int k = 0; k < 3; ++k) {
            const QString dir = root + (s ? "/test/" : "/train/") + names[k];
            QDir().mkpath(dir);
            for (int i = 0; i < perClass[s][k]; ++i) {
                QImage img(8, 8, QImage::Format_RGB32);
                for (int y = 0; y < 8; ++y)
                    for (int x = 0; x < 8; ++x) {
                        const int v = noise(rng) + ((y >= 2 * k && y < 2 * k + 2) ? 190 : 0);
                        img.setPixel(x, y, qRgb(v, v / 2 + x * 8, v));
                    }
                img.save(QStringLiteral("%1/%2.png").arg(dir).arg(i));
            }
        }
    const std::filesystem::path file = (root + "/p.winnow").toStdString();
    auto project = core::Project::create(file);
    for (int s = 0; s < 2; ++s) {
        core::ImportOptions o;
        o.format = "imagefolder";
        o.source = (root + (s ? "/test" : "/train")).toStdString();
        o.split = s ? core::Split::Test : core::Split::Train;
        core::importDataset(*project, o);
    }
    return file;
}

template <class T>
T* child(QWidget* w, const char* name) {
    auto* c = w->findChild<T*>(QLatin1String(name));
    if (!c) qFatal("no child %s", name);
    return c;
}

void setCombo(QComboBox* c, const char* data) {
    const int i = c->findData(QLatin1String(data));
    if (i < 0) qFatal("no item %s", data);
    c->setCurrentIndex(i);
}

}  // namespace

class TestTrainWidgets : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::filesystem::path m_project;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("WinnowTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_train_widgets"));
        QSettings().remove(QStringLiteral("train"));
        m_project = makeProject(m_dir.path());
    }

    void dialogProducesConfig() {
        widgets::TrainDialog dlg(m_project);
        setCombo(child<QComboBox>(&dlg, "model"), "resnet32");
        child<QSpinBox>(&dlg, "bottleneck")->setValue(64);
        child<QSpinBox>(&dlg, "epochs")->setValue(12);
        child<QSpinBox>(&dlg, "batchSize")->setValue(48);
        child<QDoubleSpinBox>(&dlg, "lr")->setValue(0.025);
        child<QDoubleSpinBox>(&dlg, "weightDecay")->setValue(0.001);
        setCombo(child<QComboBox>(&dlg, "schedule"), "step");
        setCombo(child<QComboBox>(&dlg, "loss"), "ib-focal");
        child<QDoubleSpinBox>(&dlg, "focalGamma")->setValue(2.0);
        setCombo(child<QComboBox>(&dlg, "sampler"), "qr");
        child<QDoubleSpinBox>(&dlg, "samplerR")->setValue(0.5);
        setCombo(child<QComboBox>(&dlg, "classWeights"), "drw");
        child<QCheckBox>(&dlg, "cmo")->setChecked(true);
        child<QDoubleSpinBox>(&dlg, "cmoProb")->setValue(0.3);
        child<QCheckBox>(&dlg, "augment")->setChecked(true);
        child<QSpinBox>(&dlg, "cropPadding")->setValue(2);
        child<QCheckBox>(&dlg, "hflip")->setChecked(false);
        setCombo(child<QComboBox>(&dlg, "device"), "cpu");
        child<QSpinBox>(&dlg, "threads")->setValue(3);
        child<QSpinBox>(&dlg, "seed")->setValue(77);

        const core::TrainConfig c = dlg.config();
        QCOMPARE(c.model, std::string("resnet32"));
        QCOMPARE(c.torchscriptPath, std::string());
        QCOMPARE(c.bottleneck, 64);
        QCOMPARE(c.epochs, 12);
        QCOMPARE(c.batchSize, 48);
        QCOMPARE(c.lr, 0.025);
        QCOMPARE(c.weightDecay, 0.001);
        QCOMPARE(c.schedule, std::string("step"));
        QCOMPARE(c.loss, std::string("ib-focal"));
        QCOMPARE(c.focalGamma, 2.0);
        QCOMPARE(c.sampler, std::string("qr"));
        QCOMPARE(c.samplerR, 0.5);
        QCOMPARE(c.classWeights, std::string("drw"));
        QVERIFY(c.cmo);
        QCOMPARE(c.cmoProb, 0.3);
        QVERIFY(c.augment);
        QCOMPARE(c.cropPadding, 2);
        QVERIFY(!c.hflip);
        QCOMPARE(c.device, std::string("cpu"));
        QCOMPARE(c.threads, 3);
        QCOMPARE(c.seed, uint64_t(77));
        QVERIFY(child<QPushButton>(&dlg, "preview")->isEnabled());
        QVERIFY(dlg.validate().isEmpty());

        // CUDA is selectable exactly when LibTorch sees a device.
        auto* devModel = qobject_cast<QStandardItemModel*>(child<QComboBox>(&dlg, "device")->model());
        QCOMPARE(devModel->item(2)->isEnabled(), core::deviceInfo().cudaAvailable);

        // Accepting remembers the settings; a new dialog starts from them.
        dlg.accept();
        QCOMPARE(dlg.result(), int(QDialog::Accepted));
        widgets::TrainDialog again(m_project);
        QCOMPARE(core::dumpJson(again.config().toJson()), core::dumpJson(c.toJson()));

        // A TorchScript model needs an existing file; too few epochs for CMO are refused.
        setCombo(child<QComboBox>(&again, "model"), "torchscript");
        child<QLineEdit>(&again, "torchscriptPath")->setText(m_dir.path() + "/missing.pt");
        QVERIFY(again.validate().contains("missing.pt"));
        setCombo(child<QComboBox>(&again, "model"), "cnn-small");
        child<QSpinBox>(&again, "epochs")->setValue(4);
        QVERIFY(!again.validate().isEmpty());
        child<QCheckBox>(&again, "cmo")->setChecked(false);
        QVERIFY(again.validate().isEmpty());
        QSettings().remove(QStringLiteral("train"));
    }

    void advancedSettingsReachTheConfig() {
        widgets::TrainDialog dlg(m_project);
        auto* box = child<QGroupBox>(&dlg, "advanced");
        QVERIFY(!box->isChecked());  // collapsed by default
        child<QSpinBox>(&dlg, "warmupEpochs")->setValue(2);
        child<QDoubleSpinBox>(&dlg, "momentum")->setValue(0.8);
        child<QCheckBox>(&dlg, "nesterov")->setChecked(true);
        child<QSpinBox>(&dlg, "ibStartEpoch")->setValue(7);
        child<QDoubleSpinBox>(&dlg, "ibAlpha")->setValue(500.0);
        child<QSpinBox>(&dlg, "drwStartEpoch")->setValue(9);
        child<QSpinBox>(&dlg, "cmoStartEpoch")->setValue(1);
        child<QSpinBox>(&dlg, "cmoEndMargin")->setValue(2);
        child<QSpinBox>(&dlg, "inputSize")->setValue(32);
        child<QSpinBox>(&dlg, "framesPerClip")->setValue(4);
        child<QCheckBox>(&dlg, "deterministic")->setChecked(true);
        child<QSpinBox>(&dlg, "loaderThreads")->setValue(3);
        core::TrainConfig c = dlg.config();
        QCOMPARE(c.warmupEpochs, 2);
        QCOMPARE(c.momentum, 0.8);
        QVERIFY(c.nesterov);
        QCOMPARE(c.ibStartEpoch, 7);
        QCOMPARE(c.ibAlpha, 500.0);
        QCOMPARE(c.drwStartEpoch, 9);
        QCOMPARE(c.cmoStartEpoch, 1);
        QCOMPARE(c.cmoEndMargin, 2);
        QCOMPARE(c.inputSize, 32);
        QCOMPARE(c.framesPerClip, 4);
        QVERIFY(c.deterministic);
        QCOMPARE(c.loaderThreads, 3);
        // The CMO window check uses the advanced values: 1 + 2 < 4 epochs is fine, 3 is not.
        child<QCheckBox>(&dlg, "cmo")->setChecked(true);
        child<QSpinBox>(&dlg, "epochs")->setValue(4);
        QVERIFY(dlg.validate().isEmpty());
        child<QSpinBox>(&dlg, "epochs")->setValue(3);
        QVERIFY(!dlg.validate().isEmpty());
        // IB fields only matter for an IB loss, DRW's for DRW weights.
        setCombo(child<QComboBox>(&dlg, "loss"), "ce");
        setCombo(child<QComboBox>(&dlg, "classWeights"), "none");
        box->setChecked(true);
        QVERIFY(!child<QSpinBox>(&dlg, "ibStartEpoch")->isEnabled());
        QVERIFY(!child<QSpinBox>(&dlg, "drwStartEpoch")->isEnabled());
        setCombo(child<QComboBox>(&dlg, "loss"), "ib");
        QVERIFY(child<QSpinBox>(&dlg, "ibStartEpoch")->isEnabled());
        // A config set on the dialog comes back unchanged through the advanced box.
        c.warmupEpochs = 5;
        c.framesPerClip = 16;
        dlg.setConfig(c);
        QCOMPARE(core::dumpJson(dlg.config().toJson()), core::dumpJson(c.toJson()));
    }

    void curvesCountPoints() {
        widgets::TrainingCurvesWidget w;
        // acc_test is null (no test split) and acc_trusted absent: neither becomes a series.
        w.setEpochs({R"({"epoch":0,"loss_train":1.5,"acc_train":0.40,"loss_val":1.2,"acc_val":0.5,"acc_test":null})",
                     R"({"epoch":1,"loss_train":0.9,"acc_train":0.70,"loss_val":1.0,"acc_val":0.6,"acc_test":null})"});
        w.addEpoch(R"({"epoch":2,"loss_train":0.5,"acc_train":0.85,"loss_val":0.8,"acc_val":0.75})");
        w.addEpoch(R"({"not_an_epoch":1})");
        QCOMPARE(w.values("loss_train"), (QVector<double>{1.5, 0.9, 0.5}));
        QCOMPARE(w.values("acc_val"), (QVector<double>{0.5, 0.6, 0.75}));
        QCOMPARE(w.epochs("acc_train"), (QVector<double>{1, 2, 3}));
        QVERIFY(w.values("acc_test").isEmpty());
        QVERIFY(!w.seriesKeys().contains("acc_test"));
        QVERIFY(!w.seriesKeys().contains("acc_trusted"));
        QCOMPARE(w.seriesKeys().size(), 4);
        w.clear();
        QVERIFY(w.values("loss_train").isEmpty());
    }

    void perClassGroups() {
        widgets::PerClassAccuracyChart chart;
        chart.setClassNames({"a", "b", "c", "d", "e", "f"});
        // Counts around the thresholds: >100 many, 20..100 medium, <20 few.
        chart.setEpoch(R"({"per_class_acc":[0.9,0.8,0.7,0.6,0.5,null],"train_counts":[150,101,100,20,19,0],)"
                       R"("acc_many":0.85,"acc_medium":0.65,"acc_few":0.5})");
        QCOMPARE(chart.classCount(), 6);
        using G = widgets::PerClassAccuracyChart;
        const G::Group expected[6] = {G::Many, G::Many, G::Medium, G::Medium, G::Few, G::Few};
        for (int k = 0; k < 6; ++k) QCOMPARE(chart.groupOfClass(k), expected[k]);
        QCOMPARE(chart.classesInGroup(G::Many), (QVector<double>{0, 1}));
        QCOMPARE(chart.classesInGroup(G::Medium), (QVector<double>{2, 3}));
        QCOMPARE(chart.classesInGroup(G::Few), (QVector<double>{4}));  // class f has no accuracy
        QVERIFY(chart.legendText(G::Many).contains("85.0%"));
        QVERIFY(chart.legendText(G::Medium).contains("65.0%"));
        QVERIFY(chart.legendText(G::Few).contains("50.0%"));
    }

    void cmoPreviewReproducible() {
        core::TrainConfig cfg;
        cfg.cmoR = 0.5;
        widgets::CmoPreviewDialog dlg(m_project, cfg);
        QSignalSpy drawn(&dlg, &widgets::CmoPreviewDialog::drawn);
        dlg.setCount(6);
        dlg.setSeed(5);
        auto settle = [&] { QTRY_VERIFY_WITH_TIMEOUT(!dlg.busy() && drawn.count() > 0, 20000); };
        settle();
        QCOMPARE(dlg.errorText(), QString());
        const auto lambdas = dlg.lambdas();
        const auto images = dlg.mixedImages();
        QCOMPARE(lambdas.size(), 6);
        QCOMPARE(images.size(), 6);
        for (const QImage& im : images) QCOMPARE(im.size(), QSize(8, 8));
        for (double l : lambdas) QVERIFY(l >= 0.0 && l <= 1.0);
        // P follows the training counts 30/12/5. Q weighs each sample n_y^-r, so class k
        // gets n_k^(1-r) = sqrt(n_k) for r = 0.5 (hand computation).
        const double n[3] = {30, 12, 5};
        const double sum = std::sqrt(n[0]) + std::sqrt(n[1]) + std::sqrt(n[2]);
        QCOMPARE(dlg.pFrequencies().size(), 3);
        for (int k = 0; k < 3; ++k) {
            QVERIFY(qAbs(dlg.pFrequencies()[k] - n[k] / 47.0) < 1e-9);
            QVERIFY(qAbs(dlg.qFrequencies()[k] - std::sqrt(n[k]) / sum) < 1e-9);
        }

        drawn.clear();
        dlg.newDraw();
        QCOMPARE(dlg.seed(), 6);
        settle();
        QVERIFY(dlg.lambdas() != lambdas || dlg.mixedImages() != images);

        drawn.clear();
        dlg.setSeed(5);
        settle();
        QCOMPARE(dlg.lambdas(), lambdas);
        QCOMPARE(dlg.mixedImages(), images);
    }

    // A run that stopped early (cancelled here; 'interrupted' when its process died) offers
    // Resume; the training job then continues the same run to its last epoch.
    void resumeFromThePanel() {
        core::TrainConfig cfg;
        cfg.epochs = 3;
        cfg.batchSize = 16;
        cfg.threads = 1;
        cfg.loaderThreads = 1;
        cfg.device = "cpu";
        core::CancelToken cancel;
        core::TrainCallbacks cb;
        cb.cancel = &cancel;
        cb.onEpoch = [&](const nlohmann::json&) { cancel.cancel(); };
        int64_t stopped = 0;
        {
            auto p = core::Project::open(m_project);
            QVERIFY_THROWS_EXCEPTION(core::Cancelled, core::trainRun(*p, cfg, cb));
            stopped = p->db().queryInt64("SELECT max(id) FROM runs");
            QCOMPARE(p->db().queryInt64("SELECT count(*) FROM run_epochs WHERE run_id=" + std::to_string(stopped)), int64_t(1));
        }
        widgets::TrainingPanel panel;
        panel.setProject(m_project);
        QVERIFY(panel.showRun(stopped));
        QVERIFY(panel.resumeButton()->isEnabled());
        const qint64 done = [&] {
            auto p = core::Project::openReadOnly(m_project);
            return qint64(p->db().queryInt64("SELECT coalesce(min(id), 0) FROM runs WHERE state='done'"));
        }();
        if (done > 0) {
            panel.showRun(done);
            QVERIFY(!panel.resumeButton()->isEnabled());  // nothing left to resume
        }
        {
            auto p = core::Project::open(m_project);
            p->db().exec("UPDATE runs SET state='interrupted' WHERE id=" + std::to_string(stopped));
        }
        panel.refreshRuns();
        panel.showRun(stopped);
        QVERIFY(panel.resumeButton()->isEnabled());
        QSignalSpy asked(&panel, &widgets::TrainingPanel::resumeRequested);
        panel.resumeButton()->click();
        QCOMPARE(asked.count(), 1);
        QCOMPARE(asked.takeFirst().at(0).toLongLong(), qint64(stopped));

        widgets::JobRunner runner;
        widgets::TrainingJob job(&runner);
        connect(&job, &widgets::TrainingJob::epochFinished, &panel, &widgets::TrainingPanel::addLiveEpoch);
        QSignalSpy finished(&job, &widgets::TrainingJob::finished);
        core::TrainConfig resume;
        resume.resumeRunId = stopped;
        resume.device = "cpu";
        panel.beginLive("resuming", stopped);
        // Issue 16, bug 10: the live curves start with the run's stored epoch, not empty.
        QCOMPARE(panel.curves()->epochs(QStringLiteral("loss_train")), (QVector<double>{1.0}));
        QVERIFY(!panel.resumeButton()->isEnabled());  // not while a job runs
        QVERIFY(job.start(m_project, resume) > 0);
        QVERIFY(finished.wait(50000));
        const auto args = finished.takeFirst();
        QVERIFY2(args.at(0).toBool(), qPrintable(args.at(3).toString()));
        QCOMPARE(args.at(2).toLongLong(), qint64(stopped));
        auto p = core::Project::openReadOnly(m_project);
        QCOMPARE(p->db().queryText("SELECT state FROM runs WHERE id=" + std::to_string(stopped)), std::string("done"));
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM run_epochs WHERE run_id=" + std::to_string(stopped)), int64_t(3));
        // The resumed epochs were added after the stored one, each epoch once.
        QTRY_COMPARE(panel.rows().size(), 3);
        QCOMPARE(panel.curves()->epochs(QStringLiteral("loss_train")), (QVector<double>{1.0, 2.0, 3.0}));
        panel.endLive(stopped);
    }

    // Issue 16, bug 9: a training job of the project shown before must not put its run on
    // the panel of the project opened since (the run id means another run there, or none).
    void liveJobOfAnotherProjectLeavesThePanel() {
        const std::filesystem::path other = (m_dir.path() + "/other.winnow").toStdString();
        core::Project::create(other);
        widgets::TrainingPanel panel;
        panel.setProject(m_project);
        const QList<qint64> runs = panel.runIds();
        QVERIFY(!runs.isEmpty());
        panel.beginLive("training");
        panel.addLiveEpoch(R"({"epoch":0,"loss_train":2.0,"acc_train":0.3})");
        QCOMPARE(panel.rows().size(), 1);
        panel.setProject(other);  // File → Open another project while the job runs
        QVERIFY(panel.rows().isEmpty());
        QVERIFY(panel.runIds().isEmpty());
        panel.addLiveEpoch(R"({"epoch":1,"loss_train":1.0,"acc_train":0.6})");
        panel.endLive(runs.first());
        QCOMPARE(panel.shownRun(), qint64(0));
        QVERIFY(panel.rows().isEmpty());
        QVERIFY(panel.curves()->epochs(QStringLiteral("loss_train")).isEmpty());
    }

    void trainingJobFeedsPanel() {
        widgets::JobRunner runner;
        widgets::TrainingPanel panel;
        panel.setProject(m_project);
        const int runsBefore = panel.runIds().size();
        widgets::TrainingJob job(&runner);
        connect(&job, &widgets::TrainingJob::epochFinished, &panel, &widgets::TrainingPanel::addLiveEpoch);
        QSignalSpy progress(&runner, &widgets::JobRunner::jobProgress);
        QSignalSpy phases(&runner, &widgets::JobRunner::jobPhase);
        QSignalSpy finished(&job, &widgets::TrainingJob::finished);
        core::TrainConfig cfg;
        cfg.epochs = 1;
        cfg.batchSize = 16;
        cfg.lr = 0.05;
        cfg.threads = 1;
        cfg.loaderThreads = 1;
        cfg.device = "cpu";
        panel.beginLive("test");
        QVERIFY(job.start(m_project, cfg) > 0);
        QVERIFY(job.isRunning());
        QCOMPARE(job.start(m_project, cfg), 0);  // one at a time
        QVERIFY(finished.wait(50000));
        const auto args = finished.takeFirst();
        QVERIFY2(args.at(0).toBool(), qPrintable(args.at(3).toString()));
        const qint64 runId = args.at(2).toLongLong();
        QVERIFY(runId > 0);
        QVERIFY(!job.isRunning());
        QVERIFY(progress.count() > 0);
        // Issue 16: the outputs pass after the last epoch is a phase of its own.
        QStringList phaseNames;
        for (const auto& args : phases) phaseNames << args.at(1).toString();
        QVERIFY2(phaseNames.endsWith(QStringLiteral("Writing run outputs")), qPrintable(phaseNames.join(',')));
        QVERIFY2(phaseNames.contains(QStringLiteral("Training")), qPrintable(phaseNames.join(',')));
        // Exactly one epoch row arrived live, with the test split's accuracy.
        QCOMPARE(panel.rows().size(), 1);
        QCOMPARE(panel.curves()->values("loss_train").size(), 1);
        QCOMPARE(panel.curves()->values("acc_test").size(), 1);
        QCOMPARE(panel.perClass()->classCount(), 3);
        QCOMPARE(panel.perClass()->groupOfClass(0), widgets::PerClassAccuracyChart::Medium);  // 30
        QCOMPARE(panel.perClass()->groupOfClass(2), widgets::PerClassAccuracyChart::Few);     // 5
        // The finished run is in the selector and reloads from run_epochs.
        panel.endLive(runId);
        QVERIFY(!panel.isLive());
        QCOMPARE(panel.shownRun(), runId);
        QCOMPARE(panel.runIds().size(), runsBefore + 1);
        QVERIFY(panel.runIds().contains(runId));
        QVERIFY(panel.showRun(runId));
        QCOMPARE(panel.rows().size(), 1);
        QCOMPARE(panel.curves()->values("acc_test").size(), 1);

        // While a job runs the user may look at a stored run: live rows keep arriving but
        // do not replace what is shown; choosing "(running)" shows all of them.
        panel.beginLive("second");
        panel.addLiveEpoch(R"({"epoch":0,"loss_train":2.0,"acc_train":0.3})");
        QCOMPARE(panel.curves()->values("loss_train"), QVector<double>{2.0});
        QVERIFY(panel.showRun(runId));
        panel.addLiveEpoch(R"({"epoch":1,"loss_train":1.0,"acc_train":0.6})");
        QCOMPARE(panel.rows().size(), 1);
        QCOMPARE(panel.shownRun(), runId);
        auto* selector = panel.findChild<QComboBox*>();
        selector->setCurrentIndex(selector->findData(qint64(-1)));
        QCOMPARE(panel.curves()->values("loss_train"), (QVector<double>{2.0, 1.0}));
        panel.endLive(0);
        QCOMPARE(selector->findData(qint64(-1)), -1);
    }

    void trainingErrorIsReadable() {
        widgets::JobRunner runner;
        widgets::TrainingJob job(&runner);
        QSignalSpy finished(&job, &widgets::TrainingJob::finished);
        core::TrainConfig cfg;
        cfg.model = "torchscript";
        cfg.torchscriptPath = (m_dir.path() + "/not_a_model.pt").toStdString();
        {
            QFile f(QString::fromStdString(cfg.torchscriptPath));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("garbage");
        }
        cfg.epochs = 1;
        cfg.device = "cpu";
        QVERIFY(job.start(m_project, cfg) > 0);
        QVERIFY(finished.wait(30000));
        const auto args = finished.takeFirst();
        QVERIFY(!args.at(0).toBool());
        QVERIFY(!args.at(1).toBool());
        const QString error = args.at(3).toString();
        QVERIFY2(error.contains("not_a_model.pt"), qPrintable(error));
        QVERIFY2(!error.contains('\n'), qPrintable(error));
    }
};

QTEST_MAIN(TestTrainWidgets)
#include "tst_train_widgets.moc"
