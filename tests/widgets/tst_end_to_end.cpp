// Issue 16's proof: one user's whole loop in the GUI, without the CLI. Demo project (File
// menu) → noise (Analyse) → train (Train dialog) → score (Analyse → Score) → review 20
// samples with the keyboard (single relabels, a batch relabel, keep, exclude, trust,
// ambiguous; undo and redo) → apply → retrain and re-score (Review window) → compare runs.
// Every step goes through menus, dialogs and keys; the results are checked by reading the
// project through core against what the test itself did. Also: the Review window's empty
// queue offers training, noise and scoring, and they open the main window's dialogs.
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QInputDialog>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QSettings>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolButton>
#include <QtTest>
#include <fstream>
#include <map>
#include <set>

#include "app/gui/mainwindow.h"
#include "app/gui/review_window.h"
#include "core/influence/score_file.h"
#include "core/store/database.h"
#include "core/store/project.h"
#include "core/util/json_text.h"
#include "gui_fixture.h"
#include "train_fixture.h"
#include "widgets/analysis/noise_dialog.h"
#include "widgets/analysis/score_dialog.h"
#include "widgets/review/retrain_job.h"
#include "widgets/review/review_panel.h"
#include "widgets/review/review_queue_model.h"
#include "widgets/review/review_widget.h"
#include "widgets/runs/compare_runs_dialog.h"
#include "widgets/sample_grid_model.h"
#include "widgets/train/train_dialog.h"
#include "widgets/train/training_job.h"

using namespace winnow;
namespace fs = std::filesystem;
using gui_fixture::ModalAnswers;

namespace {

constexpr int kClasses = 10, kTrainPerClass = 12, kTestPerClass = 2, kSide = 28;
constexpr int kTrain = kClasses * kTrainPerClass, kTest = kClasses * kTestPerClass;

std::string be32(uint32_t v) { return {char(v >> 24), char(v >> 16), char(v >> 8), char(v)}; }

// Fashion-MNIST-shaped IDX files under Debian's names, for the demo builder
// (WINNOW_FASHION_MNIST_DIR): sample i has class i mod 10, drawn as a bright band of rows
// [2k+4, 2k+6) over noise. Written uncompressed under the .gz names (the reader takes both).
void writeTinyFashionMnist(const fs::path& dir) {
    fs::create_directories(dir);
    uint32_t state = 12345;
    auto noise = [&state] {
        state = state * 1103515245u + 12345u;
        return char((state >> 16) % 50);
    };
    for (int test = 0; test < 2; ++test) {
        const int n = test ? kTest : kTrain;
        std::string images = std::string("\0\0\x08\x03", 4) + be32(uint32_t(n)) + be32(kSide) + be32(kSide);
        std::string labels = std::string("\0\0\x08\x01", 4) + be32(uint32_t(n));
        for (int i = 0; i < n; ++i) {
            const int k = i % kClasses;
            labels += char(k);
            for (int y = 0; y < kSide; ++y)
                for (int x = 0; x < kSide; ++x)
                    images += char(noise() + ((y >= 2 * k + 4 && y < 2 * k + 6) ? char(190) : char(0)));
        }
        const std::string prefix = test ? "t10k" : "train";
        std::ofstream(dir / (prefix + "-images-idx3-ubyte.gz"), std::ios::binary) << images;
        std::ofstream(dir / (prefix + "-labels-idx1-ubyte.gz"), std::ios::binary) << labels;
    }
}

// Every file under `root` (relative paths) with its size.
std::map<QString, qint64> listing(const QString& root) {
    std::map<QString, qint64> out;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        out[QDir(root).relativeFilePath(it.filePath())] = it.fileInfo().size();
    }
    return out;
}

// sample id → class index of its given label (or original label).
std::map<qint64, int> labelsOf(const fs::path& file, const char* column = "label") {
    auto p = core::Project::openReadOnly(file);
    auto st = p->db().prepare(std::string("SELECT s.id, c.idx FROM samples s JOIN classes c ON c.id=s.") + column);
    std::map<qint64, int> out;
    while (st.step()) out[st.int64(0)] = st.int32(1);
    return out;
}

std::set<qint64> idsWhere(const fs::path& file, const std::string& where) {
    auto p = core::Project::openReadOnly(file);
    auto st = p->db().prepare("SELECT id FROM samples WHERE " + where);
    std::set<qint64> out;
    while (st.step()) out.insert(st.int64(0));
    return out;
}

core::ScoreFile scoreFile(const fs::path& file, qint64 scoringId) {
    auto p = core::Project::openReadOnly(file);
    const std::string rel = p->db().queryText("SELECT result_file FROM scorings WHERE id=" + std::to_string(scoringId));
    return core::ScoreFile::read(p->cacheDir() / rel);
}

// The key that relabels as class index k in a project of at most 10 classes: 1 … 9, 0.
Qt::Key keyFor(int k) { return k == 9 ? Qt::Key_0 : Qt::Key(Qt::Key_1 + k); }

QString pct(const nlohmann::json& metrics, const char* key) {
    const nlohmann::json& v = core::jsonField(metrics, key);
    return v.is_number() ? QString::number(100.0 * v.get<double>(), 'f', 1) + QLatin1Char('%') : QStringLiteral("–");
}

QString cellText(const QTableWidget* table, int row, int column) {
    const QTableWidgetItem* item = table->item(row, column);
    return item ? item->text() : QStringLiteral("(no item)");
}

template <typename T>
T* child(QObject* parent, const char* name) {
    return parent->findChild<T*>(QLatin1String(name));
}

}  // namespace

class TestEndToEnd : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    QString path(const QString& rel) const { return m_tmp.filePath(rel); }

    static gui::ReviewWindow* openReview(gui::MainWindow& mw, const fs::path& file) {
        QAction* a = child<QAction>(&mw, "actionOpenReview");
        if (!a) return nullptr;
        a->trigger();
        for (QWidget* w : QApplication::topLevelWidgets())
            if (auto* rw = qobject_cast<gui::ReviewWindow*>(w); rw && rw->isVisible() && rw->projectFile() == file) return rw;
        return nullptr;
    }

private Q_SLOTS:
    // A failed step leaves its windows open: they go before the next test.
    void cleanup() {
        QList<QPointer<gui::ReviewWindow>> open;  // deleting one deletes its dialogs (top-levels too)
        for (QWidget* w : QApplication::topLevelWidgets())
            if (auto* rw = qobject_cast<gui::ReviewWindow*>(w)) open << rw;
        for (const auto& rw : open) delete rw.data();
    }

    void initTestCase() {
        QVERIFY(m_tmp.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, path(QStringLiteral("settings")));
        QCoreApplication::setOrganizationName(QStringLiteral("winnow-test"));
        // The demo goes where the user's data goes (XDG data home), here inside the temp dir.
        qputenv("XDG_DATA_HOME", path(QStringLiteral("data")).toUtf8());
        qputenv("WINNOW_FASHION_MNIST_DIR", path(QStringLiteral("fashion-mnist")).toUtf8());
        writeTinyFashionMnist(path(QStringLiteral("fashion-mnist")).toStdString());
    }

    void demoToComparisonWithoutTheCli() {
        const std::map<QString, qint64> inputBefore = listing(path(QStringLiteral("fashion-mnist")));
        QSettings().remove(QStringLiteral("review/reviewer"));  // asked when the Review window opens
        const QString demo = gui::MainWindow::defaultDemoPath();
        QCOMPARE(demo, path(QStringLiteral("data/winnow/demo/fashion-mnist.winnow")));
        const fs::path file = demo.toStdString();
        ModalAnswers answers;

        QElapsedTimer clock;
        clock.start();
        auto step = [&clock](const char* what) { qInfo("%5.1f s  %s", double(clock.elapsed()) / 1000.0, what); };
        gui::MainWindow mw;
        mw.show();

        // 1. File → Open Demo Project: asks where (the proposed place), builds it as a job.
        // The user takes the place proposed (the dialog used to open elsewhere, as the
        // proposed folder did not exist, and the demo went to the working directory).
        QString proposed;
        answers.expect(QStringLiteral("where the demo goes"), [&](QWidget* w) {
            auto* d = qobject_cast<QFileDialog*>(w);
            if (!d) return false;
            proposed = d->selectedFiles().value(0);
            return gui_fixture::clickButton(d, QDialogButtonBox::Save);
        });
        QAction* openDemo = child<QAction>(&mw, "actionOpenDemo");
        QVERIFY(openDemo);
        openDemo->trigger();
        QVERIFY2(answers.allAnswered(), qPrintable(answers.report()));
        QCOMPARE(proposed, demo);
        QTRY_VERIFY_WITH_TIMEOUT(mw.hasProject() && !mw.model()->busy() && mw.model()->rowCount() == kTrain + kTest, 60000);
        QVERIFY2(QFileInfo::exists(demo), qPrintable(demo));
        {
            auto p = core::Project::openReadOnly(file);
            QCOMPARE(p->db().queryInt64("SELECT count(*) FROM samples WHERE split=0"), int64_t(kTrain));
            QCOMPARE(p->db().queryInt64("SELECT count(*) FROM samples WHERE split=2"), int64_t(kTest));
            QCOMPARE(p->db().queryText("SELECT name FROM classes WHERE idx=9"), std::string("Ankle boot"));
        }
        const std::map<qint64, int> imported = labelsOf(file);

        step("demo built");
        // 2. Analyse → Inject Noise: 20 % symmetric, one trusted sample per class.
        answers.expect(QStringLiteral("noise dialog"), [](QWidget* w) {
            auto* d = qobject_cast<widgets::NoiseDialog*>(w);
            if (!d) return false;
            auto* kind = child<QComboBox>(d, "noiseKind");
            kind->setCurrentIndex(kind->findData(QStringLiteral("symmetric")));
            child<QDoubleSpinBox>(d, "noiseRate")->setValue(0.2);
            child<QSpinBox>(d, "noiseSeed")->setValue(7);
            child<QSpinBox>(d, "noiseTrusted")->setValue(1);
            return gui_fixture::clickButton(d, QDialogButtonBox::Ok);
        });
        QSignalSpy labelsChanged(&mw, &gui::MainWindow::labelsChanged);
        child<QAction>(&mw, "actionInjectNoise")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(labelsChanged.count(), 1, 60000);
        QVERIFY2(answers.allAnswered(), qPrintable(answers.report()));
        const std::map<qint64, int> noisy = labelsOf(file);
        std::set<qint64> flipped;
        for (const auto& [id, k] : noisy)
            if (k != imported.at(id)) flipped.insert(id);
        QVERIFY(!flipped.empty());
        QVERIFY2(flipped.size() <= size_t(kTrain) / 5 + 1, qPrintable(QString::number(flipped.size())));
        QCOMPARE(idsWhere(file, "split<>0 AND label<>original_label"), std::set<qint64>{});  // train split only
        QCOMPARE(idsWhere(file, "trusted<>0").size(), size_t(kClasses));

        step("noise injected");
        // 3. Train → Train Model…: cnn-small, 2 epochs, on the CPU.
        answers.expect(QStringLiteral("train dialog"), [](QWidget* w) {
            auto* d = qobject_cast<widgets::TrainDialog*>(w);
            if (!d) return false;
            auto* model = child<QComboBox>(d, "model");
            model->setCurrentIndex(model->findData(QStringLiteral("cnn-small")));
            child<QSpinBox>(d, "epochs")->setValue(2);
            child<QSpinBox>(d, "batchSize")->setValue(32);
            auto* device = child<QComboBox>(d, "device");
            device->setCurrentIndex(device->findData(QStringLiteral("cpu")));
            child<QSpinBox>(d, "threads")->setValue(1);
            return gui_fixture::clickButton(d, QDialogButtonBox::Ok);
        });
        auto* training = mw.findChild<widgets::TrainingJob*>();
        QVERIFY(training);
        QSignalSpy trained(training, &widgets::TrainingJob::finished);
        child<QAction>(&mw, "actionTrain")->trigger();
        QVERIFY2(answers.allAnswered(), qPrintable(answers.report()));
        QTRY_COMPARE_WITH_TIMEOUT(trained.count(), 1, 180000);
        QVERIFY2(trained[0][0].toBool(), qPrintable(trained[0][3].toString()));
        const qint64 run1 = trained[0][2].toLongLong();
        QVERIFY(run1 > 0);
        qint64 versionOfRun1 = 0;
        {
            auto p = core::Project::openReadOnly(file);
            QCOMPARE(p->db().queryText("SELECT state FROM runs WHERE id=" + std::to_string(run1)), std::string("done"));
            versionOfRun1 = std::stoll(p->db().queryText("SELECT value FROM meta WHERE key='current_label_version'"));
        }

        step("trained");
        // 4. Analyse → Score Run…: Influential Rank on that run.
        answers.expect(QStringLiteral("score dialog"), [run1](QWidget* w) {
            auto* d = qobject_cast<widgets::ScoreDialog*>(w);
            if (!d || child<QComboBox>(d, "scoreRun")->currentData().toLongLong() != run1) return false;
            auto* det = child<QComboBox>(d, "scoreDetector");
            det->setCurrentIndex(det->findData(QStringLiteral("influential-rank")));
            return gui_fixture::clickButton(d, QDialogButtonBox::Ok);
        });
        QSignalSpy scored(&mw, &gui::MainWindow::scoringAdded);
        child<QAction>(&mw, "actionScoreRun")->trigger();
        QVERIFY2(answers.allAnswered(), qPrintable(answers.report()));
        QTRY_COMPARE_WITH_TIMEOUT(scored.count(), 1, 180000);
        const qint64 scoring1 = scored[0][0].toLongLong();
        QVERIFY(scoring1 > 0);

        step("scored");
        // 5. Review → Open Review Workstation: the reviewer's name is asked once.
        answers.expect(QStringLiteral("reviewer name"), [](QWidget* w) {
            auto* edit = w->findChild<QLineEdit*>();
            if (!edit) return false;
            QTest::keyClicks(edit, QStringLiteral("Ana Tester"));
            return gui_fixture::clickButton(w, QDialogButtonBox::Ok);
        });
        gui::ReviewWindow* review = openReview(mw, file);
        QVERIFY2(answers.allAnswered(), qPrintable(answers.report()));
        QVERIFY(review);
        widgets::ReviewWidget* queue = review->review();
        QTRY_VERIFY2_WITH_TIMEOUT(queue->model() && queue->model()->reviewData() &&
                                      queue->model()->reviewData()->scoringId == scoring1,
                                  qPrintable(review->bannerText()), 60000);
        widgets::ReviewQueueModel* model = queue->model();
        const std::set<qint64> trustedByNoise = idsWhere(file, "trusted<>0");
        if (model->rowCount() < 40) {  // too few flagged for 20 decisions: every scored sample
            QCheckBox* flaggedOnly = nullptr;
            for (auto* c : queue->findChildren<QCheckBox*>())
                if (c->text() == QStringLiteral("Flagged only")) flaggedOnly = c;
            QVERIFY(flaggedOnly);
            QTest::mouseClick(flaggedOnly, Qt::LeftButton, {}, QPoint(5, flaggedOnly->height() / 2));
            QTRY_VERIFY(model->rowCount() >= 40);
        }
        // Twenty samples the noise did not mark trusted (T on those would untrust): ten
        // singles, five adjacent tiles for the batch, five more singles.
        QList<qint64> q;
        int batchRow = -1;
        for (int r = 0; r < model->rowCount() && q.size() < 20; ++r) {
            auto untrusted = [&](int row) { return !trustedByNoise.count(model->sampleIdAt(row)); };
            if (q.size() == 10) {
                if (r + 5 > model->rowCount() || !untrusted(r) || !untrusted(r + 1) || !untrusted(r + 2) ||
                    !untrusted(r + 3) || !untrusted(r + 4))
                    continue;
                batchRow = r;
                for (int i = 0; i < 5; ++i) q << model->sampleIdAt(r + i);
                r += 4;
            } else if (untrusted(r)) {
                q << model->sampleIdAt(r);
            }
        }
        QCOMPARE(q.size(), 20);
        QVERIFY(batchRow >= 0);
        QListView* view = queue->queueView();
        view->setFocus();
        // Moves to a sample with the arrow keys, as the reviewer would.
        auto goTo = [&](qint64 id) {
            const int row = model->rowOfSample(id);
            // A plain move ends a multi-tile selection (which a key would act on as a whole).
            if (view->selectionModel()->selectedIndexes().size() > 1) QTest::keyClick(view, Qt::Key_J);
            for (int guard = 0; guard < 100 && queue->currentRow() != row; ++guard)
                QTest::keyClick(view, queue->currentRow() < row ? Qt::Key_L : Qt::Key_J);
            return queue->currentSampleId() == id && view->selectionModel()->selectedIndexes().size() == 1;
        };
        const std::map<qint64, int> given = labelsOf(file);
        std::map<qint64, int> relabels;  // what the applied version must hold
        std::set<qint64> excluded, trusted;
        auto relabel = [&](qint64 id, int k) {
            if (!goTo(id)) return false;
            QTest::keyClick(view, keyFor(k));
            relabels[id] = k;
            return model->decision(id) == widgets::DecisionState::Relabel;
        };
        for (int i = 0; i < 6; ++i) QVERIFY(relabel(q[i], (given.at(q[i]) + 1 + i) % kClasses));
        QVERIFY(goTo(q[6]));
        QTest::keyClick(view, Qt::Key_K);
        QCOMPARE(model->decision(q[6]), widgets::DecisionState::Keep);
        QVERIFY(goTo(q[7]));
        QTest::keyClick(view, Qt::Key_X);
        excluded.insert(q[7]);
        QVERIFY(goTo(q[8]));
        // "T" asks first when the model disputes the label: the reviewer says yes.
        answers.expect(
            QStringLiteral("trust question"),
            [](QWidget* w) { return w->objectName() == QStringLiteral("confirmTrust") && gui_fixture::clickButton(w, QDialogButtonBox::Yes); },
            true);
        QTest::keyClick(view, Qt::Key_T);
        answers.dropOptional();
        QVERIFY2(answers.allAnswered(), qPrintable(answers.report()));
        trusted.insert(q[8]);
        QVERIFY(goTo(q[9]));
        QTest::keyClick(view, Qt::Key_A);
        QCOMPARE(model->decision(q[9]), widgets::DecisionState::Ambiguous);

        // A batch: five tiles selected with Shift+→, one key relabels them all as Dress.
        const int dress = 3;
        QVERIFY(goTo(q[10]));
        for (int i = 0; i < 4; ++i) QTest::keyClick(view, Qt::Key_Right, Qt::ShiftModifier);
        QCOMPARE(view->selectionModel()->selectedIndexes().size(), 5);
        const QList<qint64> batch = q.mid(10, 5);
        auto batchState = [&](qint64 id) {
            return given.at(id) == dress ? widgets::DecisionState::Keep : widgets::DecisionState::Relabel;
        };
        QTest::keyClick(view, keyFor(dress));
        for (qint64 id : batch) QCOMPARE(model->decision(id), batchState(id));
        QVERIFY2(review->undoAction()->text().contains(QStringLiteral("5 samples")), qPrintable(review->undoAction()->text()));
        // Z takes the whole batch back: every one of the five is undecided again.
        QTest::keyClick(view, Qt::Key_Z);
        for (qint64 id : batch) QCOMPARE(model->decision(id), widgets::DecisionState::None);
        QCOMPARE(model->decision(q[9]), widgets::DecisionState::Ambiguous);  // the step before stays
        {
            auto p = core::Project::openReadOnly(file);
            std::set<qint64> undone;
            auto st = p->db().prepare("SELECT d.sample_id FROM review_decisions u JOIN review_decisions d ON d.id=u.reverts"
                                      " WHERE u.action='undo'");
            while (st.step()) undone.insert(st.int64(0));
            QCOMPARE(undone, std::set<qint64>(batch.begin(), batch.end()));
        }
        // Shift+Z does it again, all five.
        QTest::keyClick(view, Qt::Key_Z, Qt::ShiftModifier);
        for (qint64 id : batch) {
            QCOMPARE(model->decision(id), batchState(id));
            if (given.at(id) != dress) relabels[id] = dress;
        }
        // A relabel taken back with Edit → Undo, then decided otherwise.
        QVERIFY(relabel(q[15], (given.at(q[15]) + 2) % kClasses));
        relabels.erase(q[15]);
        QVERIFY(review->undoAction()->isEnabled());
        review->undoAction()->trigger();
        QCOMPARE(model->decision(q[15]), widgets::DecisionState::None);
        for (qint64 id : batch) QCOMPARE(model->decision(id), batchState(id));  // not the batch
        QVERIFY(relabel(q[15], (given.at(q[15]) + 3) % kClasses));
        QVERIFY(relabel(q[16], (given.at(q[16]) + 4) % kClasses));
        QVERIFY(goTo(q[17]));
        QTest::keyClick(view, Qt::Key_X);
        excluded.insert(q[17]);
        QVERIFY(goTo(q[18]));
        QTest::keyClick(view, Qt::Key_K);
        QVERIFY(goTo(q[19]));
        QTest::keyClick(view, Qt::Key_A);
        QVERIFY2(queue->lastError().isEmpty(), qPrintable(queue->lastError()));

        // The review log: every row by the reviewer; 20 samples with a standing decision.
        {
            auto p = core::Project::openReadOnly(file);
            auto& db = p->db();
            // 10 singles + 5 batch + 5 undo + 5 redo + (relabel, undo, relabel) + 4 singles.
            QCOMPARE(db.queryInt64("SELECT count(*) FROM review_decisions"), int64_t(32));
            QCOMPARE(db.queryInt64("SELECT count(*) FROM review_decisions WHERE reviewer<>'Ana Tester'"), int64_t(0));
            QCOMPARE(db.queryInt64("SELECT count(*) FROM review_decisions WHERE action='undo'"), int64_t(6));
            QCOMPARE(db.queryInt64("SELECT count(DISTINCT sample_id) FROM review_decisions WHERE action<>'undo'"
                                   " AND id NOT IN (SELECT reverts FROM review_decisions WHERE reverts IS NOT NULL)"),
                     int64_t(20));
            std::set<qint64> nowTrusted = trustedByNoise;
            nowTrusted.insert(trusted.begin(), trusted.end());
            QCOMPARE(idsWhere(file, "trusted<>0"), nowTrusted);
        }

        step("20 samples reviewed");
        // 6. Review → Apply decisions: a named label version; not retrained from this question.
        answers.expect(QStringLiteral("version name"), [](QWidget* w) {
            auto* d = qobject_cast<QInputDialog*>(w);
            if (!d) return false;
            d->setTextValue(QStringLiteral("e2e cleaned"));
            return gui_fixture::clickButton(d, QDialogButtonBox::Ok);
        });
        answers.expect(QStringLiteral("retrain now?"), [](QWidget* w) {
            return qobject_cast<QMessageBox*>(w) && gui_fixture::clickButton(w, QDialogButtonBox::No);
        });
        child<QAction>(review, "applyDecisions")->trigger();
        QVERIFY2(answers.allAnswered(), qPrintable(answers.report()));
        qint64 applied = 0;
        {
            auto p = core::Project::openReadOnly(file);
            auto& db = p->db();
            applied = db.queryInt64("SELECT id FROM label_versions WHERE name='e2e cleaned'");
            QVERIFY(applied > versionOfRun1);
            std::map<qint64, int> changed;
            auto st = db.prepare("SELECT ch.sample_id, c.idx FROM label_changes ch JOIN classes c ON c.id=ch.new_label"
                                 " WHERE ch.version_id=? AND ch.action='relabel'");
            st.bind(1, int64_t(applied));
            while (st.step()) changed[st.int64(0)] = st.int32(1);
            QCOMPARE(changed, relabels);
            std::set<qint64> excl;
            auto ex = db.prepare("SELECT sample_id FROM label_changes WHERE version_id=? AND action='exclude'");
            ex.bind(1, int64_t(applied));
            while (ex.step()) excl.insert(ex.int64(0));
            QCOMPARE(excl, excluded);
            QCOMPARE(db.queryInt64("SELECT count(*) FROM label_changes WHERE version_id=" + std::to_string(applied)),
                     int64_t(relabels.size() + excluded.size()));
        }
        QCOMPARE(idsWhere(file, "excluded<>0"), excluded);
        const std::map<qint64, int> after = labelsOf(file);
        for (const auto& [id, k] : after) QCOMPARE(k, relabels.count(id) ? relabels.at(id) : given.at(id));

        step("applied");
        // 7. Review → Retrain and re-score: asks, trains on the applied version, scores.
        answers.expect(QStringLiteral("retrain question"), [applied](QWidget* w) {
            auto* box = qobject_cast<QMessageBox*>(w);
            return box && box->text().contains(QStringLiteral("label version %1").arg(applied)) &&
                   gui_fixture::clickButton(w, QDialogButtonBox::Yes);
        });
        // When both jobs are done, a (window-modal) box offers the new scoring or the comparison.
        answers.expect(QStringLiteral("retrain done"), [](QWidget* w) {
            auto* compare = w->findChild<QAbstractButton*>(QStringLiteral("compareRuns"));
            if (w->objectName() != QStringLiteral("retrainDone") || !compare) return false;
            QTest::mouseClick(compare, Qt::LeftButton);
            return true;
        });
        QSignalSpy retrained(review->retrainJob(), &widgets::RetrainJob::finished);
        child<QAction>(review, "retrainAndRescore")->trigger();
        QCOMPARE(answers.pending(), QStringList{QStringLiteral("retrain done")});
        QTRY_COMPARE_WITH_TIMEOUT(retrained.count(), 1, 300000);
        QVERIFY2(retrained[0][0].toBool(), qPrintable(retrained[0][4].toString()));
        const qint64 run2 = retrained[0][2].toLongLong();
        const QList<qint64> newScorings = retrained[0][3].value<QList<qint64>>();
        QCOMPARE(newScorings.size(), 1);
        const qint64 scoring2 = newScorings.first();
        QVERIFY(run2 > run1);

        // The excluded samples were left out of the retrain: its training count and its
        // scoring (the samples it trained on) lack them; the first run had them.
        nlohmann::json summary1, summary2, last1, last2;
        {
            auto p = core::Project::openReadOnly(file);
            auto& db = p->db();
            summary1 = core::parseJson(db.queryText("SELECT summary_json FROM runs WHERE id=" + std::to_string(run1)), "run 1");
            summary2 = core::parseJson(db.queryText("SELECT summary_json FROM runs WHERE id=" + std::to_string(run2)), "run 2");
            last1 = core::parseJson(db.queryText("SELECT metrics_json FROM run_epochs WHERE run_id=" + std::to_string(run1) +
                                                 " ORDER BY epoch DESC LIMIT 1"), "epochs 1");
            last2 = core::parseJson(db.queryText("SELECT metrics_json FROM run_epochs WHERE run_id=" + std::to_string(run2) +
                                                 " ORDER BY epoch DESC LIMIT 1"), "epochs 2");
            QCOMPARE(db.queryText("SELECT value FROM meta WHERE key='run_label_version." + std::to_string(run2) + "'"),
                     std::to_string(applied));
        }
        QCOMPARE(core::jsonInt(core::jsonField(summary1, "n_train")), int64_t(kTrain));
        QCOMPARE(core::jsonInt(core::jsonField(summary2, "n_train")), int64_t(kTrain - excluded.size()));
        const core::ScoreFile sf1 = scoreFile(file, scoring1), sf2 = scoreFile(file, scoring2);
        for (qint64 id : excluded) {
            QVERIFY(std::count(sf1.sampleIds.begin(), sf1.sampleIds.end(), id) == 1);
            QVERIFY(std::count(sf2.sampleIds.begin(), sf2.sampleIds.end(), id) == 0);
        }
        QCOMPARE(sf2.n(), int64_t(kTrain - excluded.size()));

        step("retrained and re-scored");
        // 8. The offer at the end → Compare runs: both runs with what the project stores.
        widgets::CompareRunsDialog* cmp = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((cmp = review->findChild<widgets::CompareRunsDialog*>()) != nullptr, 10000);
        QVERIFY2(answers.allAnswered(), qPrintable(answers.report()));
        QVERIFY(cmp->isVisible());
        QCOMPARE(cmp->runA(), run1);  // the base run against its retrain
        QCOMPARE(cmp->runB(), run2);
        QTableWidget* runs = cmp->runsTable();
        QCOMPARE(runs->rowCount(), 2);
        struct Expected {
            qint64 id, version;
            const nlohmann::json* last;
        };
        const Expected expected[2] = {{run1, versionOfRun1, &last1}, {run2, applied, &last2}};
        for (int r = 0; r < 2; ++r) {
            auto cell = [&](int c) { return cellText(runs, r, c); };
            QCOMPARE(cell(0), QString::number(expected[r].id));
            QCOMPARE(cell(1), QStringLiteral("done"));
            QCOMPARE(cell(3), QStringLiteral("cnn-small"));
            QCOMPARE(cell(5), QStringLiteral("2"));
            QCOMPARE(cell(6), QString::number(expected[r].version));
            QCOMPARE(cell(7), pct(*expected[r].last, "acc_train"));
            QCOMPARE(cell(8), pct(*expected[r].last, "acc_val"));
            QCOMPARE(cell(9), pct(*expected[r].last, "acc_test"));
        }
        // The scorings: Influential Rank on both runs, flagged counts and overlap from the files.
        QTableWidget* scorings = cmp->scoringTable();
        QCOMPARE(scorings->rowCount(), 1);
        QCOMPARE(cellText(scorings, 0, 0), QStringLiteral("influential-rank"));
        std::set<qint64> flagged1, flagged2, common;
        for (int64_t i = 0; i < sf1.n(); ++i)
            if (sf1.flag[size_t(i)]) flagged1.insert(sf1.sampleIds[size_t(i)]);
        for (int64_t i = 0; i < sf2.n(); ++i) {
            if (sf2.flag[size_t(i)]) flagged2.insert(sf2.sampleIds[size_t(i)]);
            if (std::count(sf1.sampleIds.begin(), sf1.sampleIds.end(), sf2.sampleIds[size_t(i)])) common.insert(sf2.sampleIds[size_t(i)]);
        }
        int64_t both = 0;
        for (qint64 id : flagged1)
            both += flagged2.count(id) && common.count(id) ? 1 : 0;
        QCOMPARE(cellText(scorings, 0, 1), QString::number(flagged1.size()));
        QCOMPARE(cellText(scorings, 0, 2), QString::number(flagged2.size()));
        QCOMPARE(cellText(scorings, 0, 3), QString::number(both));
        QCOMPARE(cellText(scorings, 0, 8), QString::number(common.size()));
        // Run A was scored on the noisy labels: precision against the noise truth.
        int64_t truePositives = 0;
        for (qint64 id : flagged1) truePositives += flipped.count(id);
        if (!flagged1.empty())
            QVERIFY2(cellText(scorings, 0, 6).startsWith(
                         QString::number(double(truePositives) / double(flagged1.size()), 'f', 3) + QStringLiteral(" / ")),
                     qPrintable(cellText(scorings, 0, 6)));
        QVERIFY2(answers.allAnswered(), qPrintable(answers.report()));
        cmp->close();
        review->close();
        QTRY_VERIFY(gui_fixture::topLevel<gui::ReviewWindow>() == nullptr);
        mw.close();

        // Nothing was written outside the project's folder: the input is as it was, and every
        // other file in the temp dir is the project, its cache folder or the test's settings.
        QCOMPARE(listing(path(QStringLiteral("fashion-mnist"))), inputBefore);
        QStringList outside;
        for (const auto& [rel, size] : listing(m_tmp.path())) {
            Q_UNUSED(size);
            if (rel.startsWith(QStringLiteral("fashion-mnist/")) || rel.startsWith(QStringLiteral("settings/"))) continue;
            if (rel.startsWith(QStringLiteral("data/winnow/demo/fashion-mnist.winnow"))) continue;  // file, -wal, -shm, -cache/
            outside << rel;
        }
        QVERIFY2(outside.isEmpty(), qPrintable(outside.join(QStringLiteral(", "))));
    }

    // The Review window's empty queue offers training, noise and scoring (its requestTraining,
    // requestNoiseInjection and requestScoring): each opens the main window's dialog over the
    // Review window, and the noise dialog's job runs. They were not connected: the buttons did
    // nothing. For a project the main window no longer shows, they say so instead.
    void emptyQueueButtonsOpenTheJobs() {
        QTemporaryDir dir;
        const fs::path file = train_fixture::makeImageFolderProject(dir.path());
        QSettings().setValue(QStringLiteral("review/reviewer"), QStringLiteral("tester"));
        gui::MainWindow mw;
        mw.show();
        QVERIFY(gui_fixture::openProject(mw, file));
        gui::ReviewWindow* review = openReview(mw, file);
        QVERIFY(review);
        QTRY_VERIFY_WITH_TIMEOUT(review->bannerText().startsWith(QStringLiteral("No scores yet")), 30000);
        widgets::ReviewPanel* panel = review->review()->panel();
        auto button = [panel](const char* action) -> QToolButton* {
            for (auto* b : panel->findChildren<QToolButton*>())
                if (b->defaultAction() && b->defaultAction()->objectName() == QLatin1String(action)) return b;
            return nullptr;
        };
        for (const char* a : {"requestTraining", "requestNoiseInjection", "requestScoring"}) QVERIFY2(button(a), a);
        ModalAnswers answers;
        QWidget* trainParent = nullptr;
        answers.expect(QStringLiteral("train dialog"), [&](QWidget* w) {
            auto* d = qobject_cast<widgets::TrainDialog*>(w);
            if (!d) return false;
            trainParent = d->parentWidget();
            d->reject();
            return true;
        });
        review->activateWindow();
        QTest::mouseClick(button("requestTraining"), Qt::LeftButton);
        QVERIFY2(answers.allAnswered(), qPrintable(answers.report()));
        QVERIFY(trainParent != nullptr);

        answers.expect(QStringLiteral("score dialog"), [](QWidget* w) {
            auto* d = qobject_cast<widgets::ScoreDialog*>(w);
            if (!d || d->runCount() != 0) return false;  // no run yet: it says so
            d->reject();
            return true;
        });
        QTest::mouseClick(button("requestScoring"), Qt::LeftButton);
        QVERIFY2(answers.allAnswered(), qPrintable(answers.report()));

        answers.expect(QStringLiteral("noise dialog"), [](QWidget* w) {
            auto* d = qobject_cast<widgets::NoiseDialog*>(w);
            if (!d) return false;
            child<QDoubleSpinBox>(d, "noiseRate")->setValue(0.25);
            return gui_fixture::clickButton(d, QDialogButtonBox::Ok);
        });
        QSignalSpy labelsChanged(&mw, &gui::MainWindow::labelsChanged);
        QTest::mouseClick(button("requestNoiseInjection"), Qt::LeftButton);
        QVERIFY2(answers.allAnswered(), qPrintable(answers.report()));
        QTRY_COMPARE_WITH_TIMEOUT(labelsChanged.count(), 1, 30000);
        QVERIFY(!idsWhere(file, "original_label IS NOT NULL AND label<>original_label").empty());

        // The main window moves on to another project: the Review window's requests do not
        // act on that one.
        QTemporaryDir otherDir;
        const fs::path other = train_fixture::makeImageFolderProject(otherDir.path());
        QVERIFY(gui_fixture::openProject(mw, other));
        answers.expect(QStringLiteral("another project"), [&file](QWidget* w) {
            auto* box = qobject_cast<QMessageBox*>(w);
            return box && box->text().contains(QString::fromStdString(file.string())) &&
                   gui_fixture::clickButton(w, QDialogButtonBox::Ok);
        });
        QTest::mouseClick(button("requestNoiseInjection"), Qt::LeftButton);
        QVERIFY2(answers.allAnswered(), qPrintable(answers.report()));
        QVERIFY(idsWhere(other, "original_label IS NOT NULL AND label<>original_label").empty());
        review->close();
    }
};

QTEST_MAIN(TestEndToEnd)
#include "tst_end_to_end.moc"
