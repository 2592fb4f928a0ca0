// winnow-screenshots: opens Winnow's main views over a project at 1366×768 on Qt's offscreen
// platform and saves one PNG per view (docs/screenshots/make.sh builds the demo project and
// runs this once per language). Usage:
//   winnow-screenshots --project P.winnow --out DIR [--lang en|ko] [--only NAME,...]
// Dialogs are drawn centred on a plain 1366×768 backdrop, at the size they open with.
#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QDialog>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QKeySequence>
#include <QMenuBar>
#include <QPainter>
#include <QPointer>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QUrl>
#include <algorithm>
#include <cstdio>
#include <functional>

#include "app/gui/mainwindow.h"
#include "app/gui/retrieval_window.h"
#include "app/gui/review_window.h"
#include "widgets/import_dialog.h"
#include "widgets/retrieval/retrieval_browser.h"
#include "widgets/review/influence_dashboard.h"
#include "widgets/review/review_queue_model.h"
#include "widgets/review/review_widget.h"
#include "widgets/runs/compare_runs_dialog.h"
#include "widgets/sample_grid_model.h"
#include "widgets/sample_grid_view.h"
#include "widgets/translation.h"

using namespace winnow;

namespace {

const QSize kShotSize(1366, 768);

// Runs the event loop until `done` holds or `ms` pass; false on timeout.
bool waitFor(const std::function<bool()>& done, int ms) {
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > ms) return false;
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return true;
}

void settle(int ms) {
    waitFor([] { return false; }, ms);
}

class Shooter {
public:
    Shooter(QString outDir, QStringList only) : m_out(std::move(outDir)), m_only(std::move(only)) {}

    bool wanted(const QString& name) const { return m_only.isEmpty() || m_only.contains(name); }

    void save(const QImage& image, const QString& name) {
        const QString file = QDir(m_out).filePath(name + QStringLiteral(".png"));
        // Quality 0 = strongest zlib compression (Qt's PNG writer); the pictures stay small.
        if (!image.save(file, "PNG", 0)) {
            std::fprintf(stderr, "could not write %s\n", qPrintable(file));
            m_failed = true;
            return;
        }
        std::printf("%s\n", qPrintable(file));
        std::fflush(stdout);
        ++m_written;
    }

    // A window's picture as a 1366×768 screen shows it: a window whose minimum size is
    // larger is cut at the screen's edge (and reported), as on the laptop.
    void shootWindow(QWidget* w, const QString& name) {
        if (!wanted(name)) return;
        const QImage image = w->grab().toImage();
        if (image.width() > kShotSize.width() || image.height() > kShotSize.height())
            std::fprintf(stderr, "note: %s is %dx%d, larger than the %dx%d screen; cut at its edge\n",
                         qPrintable(name), image.width(), image.height(), kShotSize.width(), kShotSize.height());
        save(image.copy(QRect(QPoint(0, 0), kShotSize)), name);
    }

    // The dialog centred on a plain 1366×768 backdrop (a flat colour keeps the PNG small; the
    // main window's own picture is 01-main-window) with a thin frame and a drop shadow. A
    // dialog larger than the screen is cut at its edge and reported.
    void shootOver(QWidget* dialog, const QString& name) {
        if (!wanted(name)) return;
        QImage shot(kShotSize, QImage::Format_RGB32);
        shot.fill(QColor(96, 104, 112));
        const QImage top = dialog->grab().toImage();
        if (top.width() > shot.width() || top.height() > shot.height())
            std::fprintf(stderr, "note: %s is %dx%d, larger than the %dx%d screen; cut at its edge\n",
                         qPrintable(name), top.width(), top.height(), shot.width(), shot.height());
        QPainter p(&shot);
        const QPoint at(std::max(0, (shot.width() - top.width()) / 2), std::max(0, (shot.height() - top.height()) / 2));
        p.fillRect(QRect(at + QPoint(5, 5), top.size()), QColor(60, 64, 70));
        p.drawImage(at, top);
        p.setPen(QColor(40, 40, 40));
        p.drawRect(QRect(at - QPoint(1, 1), top.size() + QSize(1, 1)));
        p.end();
        save(shot, name);
    }

    // Triggers `open`, waits for the dialog it shows (modal or not), lets it settle, draws it
    // centred on the backdrop, then closes it.
    void shootDialog(const std::function<void()>& open, const QString& name,
                     const std::function<void(QDialog*)>& prepare = {}, int settleMs = 1200) {
        if (!wanted(name)) return;
        QList<QWidget*> before = QApplication::topLevelWidgets();
        bool taken = false;
        QTimer poll;
        poll.setInterval(50);
        QObject::connect(&poll, &QTimer::timeout, [&] {
            if (taken) return;
            QDialog* found = nullptr;
            for (QWidget* w : QApplication::topLevelWidgets())
                if (auto* d = qobject_cast<QDialog*>(w); d && d->isVisible() && !before.contains(w)) found = d;
            if (!found) return;
            taken = true;
            poll.stop();
            if (prepare) prepare(found);
            settle(settleMs);
            shootOver(found, name);
            found->reject();
        });
        poll.start();
        open();  // returns when a modal dialog closes, at once for a non-modal one
        if (!waitFor([&] { return taken; }, 15000)) {
            std::fprintf(stderr, "%s: no dialog appeared\n", qPrintable(name));
            m_failed = true;
        }
        settle(200);
    }

    int written() const { return m_written; }
    bool failed() const { return m_failed; }
    void fail(const QString& why) {
        std::fprintf(stderr, "%s\n", qPrintable(why));
        m_failed = true;
    }

private:
    QString m_out;
    QStringList m_only;
    int m_written = 0;
    bool m_failed = false;
};

QAction* actionWithKey(QWidget* w, const QKeySequence& key) {
    for (QAction* a : w->findChildren<QAction*>())
        if (a->shortcut() == key) return a;
    return nullptr;
}

template <class T>
T* newTopLevel() {
    for (QWidget* w : QApplication::topLevelWidgets())
        if (auto* t = qobject_cast<T*>(w); t && t->isVisible()) return t;
    return nullptr;
}

// The offscreen platform's screen as a 1366×768 laptop's (fitToScreen shrinks windows to it).
void useLaptopScreen(const QString& dir) {
    const QString config = QDir(dir).filePath(QStringLiteral("offscreen.json"));
    QFile f(config);
    if (f.open(QIODevice::WriteOnly)) {
        QTextStream(&f) << R"({"screens":[{"name":"laptop","x":0,"y":0,"width":1366,"height":768,)"
                        << R"("logicalDpi":96,"logicalBaseDpi":96,"dpr":1}]})";
        f.close();
        qputenv("QT_QPA_PLATFORM", ("offscreen:configfile=" + config).toLocal8Bit());
    }
}

}  // namespace

int main(int argc, char** argv) {
    QTemporaryDir scratch;  // settings and the screen configuration; never the user's
    useLaptopScreen(scratch.path());
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("winnow-screenshots"));
    QApplication::setApplicationName(QStringLiteral("winnow"));
    QApplication::setApplicationDisplayName(QStringLiteral("Winnow"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, scratch.filePath(QStringLiteral("settings")));
    QSettings().setValue(QStringLiteral("review/reviewer"), QStringLiteral("demo"));

    QCommandLineParser parser;
    parser.addHelpOption();
    QCommandLineOption projectOpt(QStringLiteral("project"), QStringLiteral("Project file."), QStringLiteral("P"));
    QCommandLineOption outOpt(QStringLiteral("out"), QStringLiteral("Folder for the PNGs."), QStringLiteral("DIR"));
    QCommandLineOption langOpt(QStringLiteral("lang"), QStringLiteral("UI language (en, ko)."), QStringLiteral("L"),
                               QStringLiteral("en"));
    QCommandLineOption scoringOpt(QStringLiteral("scoring"),
                                  QStringLiteral("Scoring the Review window shows (default: the one it opens)."),
                                  QStringLiteral("ID"));
    QCommandLineOption onlyOpt(QStringLiteral("only"), QStringLiteral("Comma-separated shot names."),
                               QStringLiteral("NAMES"));
    parser.addOptions({projectOpt, outOpt, langOpt, scoringOpt, onlyOpt});
    parser.process(app);
    if (!parser.isSet(projectOpt) || !parser.isSet(outOpt)) {
        std::fprintf(stderr, "usage: winnow-screenshots --project P.winnow --out DIR [--lang en|ko]\n");
        return 2;
    }
    const QString lang = parser.value(langOpt);
    if (lang != QLatin1String("en") && !widgets::installTranslations(app, lang)) {
        std::fprintf(stderr, "no translation for '%s'\n", qPrintable(lang));
        return 2;
    }
    const QString project = QFileInfo(parser.value(projectOpt)).absoluteFilePath();
    const std::filesystem::path projectPath = project.toStdString();
    QDir().mkpath(parser.value(outOpt));
    Shooter shots(parser.value(outOpt),
                  parser.isSet(onlyOpt) ? parser.value(onlyOpt).split(QLatin1Char(',')) : QStringList());

    // ---- main window: grid with thumbnails, a selected sample, the Training dock's curves
    gui::MainWindow mw;
    mw.show();
    mw.resize(kShotSize);
    bool shown = false;
    mw.openProject(project, [&shown] { shown = true; });
    if (!waitFor([&] { return shown; }, 60000)) {
        std::fprintf(stderr, "%s did not open\n", qPrintable(project));
        return 1;
    }
    waitFor([&] { return !mw.model()->busy(); }, 20000);
    if (auto* dock = mw.findChild<QDockWidget*>(QStringLiteral("trainingDock"))) dock->show();
    if (mw.model()->rowCount() > 3) mw.grid()->setCurrentIndex(mw.model()->index(3, 0));
    settle(4000);  // thumbnails, the detail image, the run's curves
    shots.shootWindow(&mw, QStringLiteral("01-main-window"));

    // ---- dialogs over the main window
    auto trigger = [&](QAction* a, const QString& what) {
        return [&shots, a, what] {
            if (a) a->trigger();
            else shots.fail(QStringLiteral("no action for ") + what);
        };
    };
    shots.shootDialog(trigger(actionWithKey(&mw, QKeySequence(QStringLiteral("Ctrl+T"))), QStringLiteral("Train")),
                      QStringLiteral("02-train-dialog"));
    shots.shootDialog(trigger(actionWithKey(&mw, QKeySequence(QStringLiteral("Ctrl+I"))), QStringLiteral("Import")),
                      QStringLiteral("03-import-dialog"));
    shots.shootDialog(trigger(mw.injectNoiseAction(), QStringLiteral("Inject noise")),
                      QStringLiteral("04-noise-dialog"));
    shots.shootDialog(trigger(mw.scoreRunAction(), QStringLiteral("Score run")),
                      QStringLiteral("05-score-dialog"));
    shots.shootDialog(trigger(mw.findChild<QAction*>(QStringLiteral("actionSettings")), QStringLiteral("Settings")),
                      QStringLiteral("06-settings-dialog"));
    shots.shootDialog(
        [&] {
            auto* dlg = new widgets::CompareRunsDialog(projectPath, &mw);
            dlg->setAttribute(Qt::WA_DeleteOnClose);
            dlg->show();
        },
        QStringLiteral("07-compare-runs"));

    // ---- the Review window: queue + detail + suggested label, the dashboard, the key help
    // The scoring asked for is remembered for the project as the detector switch would, so the
    // window opens on it (the queue at its top); showScoring below is the fallback.
    if (parser.isSet(scoringOpt)) {
        const QString abs = QString::fromStdString(std::filesystem::absolute(projectPath).lexically_normal().string());
        QSettings().setValue(QStringLiteral("review/scoringByProject/") + QString::fromLatin1(QUrl::toPercentEncoding(abs)),
                             parser.value(scoringOpt).toLongLong());
    }
    if (auto* open = mw.findChild<QAction*>(QStringLiteral("actionOpenReview"))) open->trigger();
    QPointer<gui::ReviewWindow> review = newTopLevel<gui::ReviewWindow>();
    if (!review) {
        shots.fail(QStringLiteral("the Review window did not open"));
    } else {
        review->resize(kShotSize);
        if (!waitFor([&] { return review->review()->model()->reviewData() != nullptr; }, 60000))
            shots.fail(QStringLiteral("the Review window did not load its scoring"));
        if (parser.isSet(scoringOpt)) {
            const qint64 id = parser.value(scoringOpt).toLongLong();
            if (review->review()->model()->reviewData()->scoringId != id) review->showScoring(id);
            if (!waitFor([&] {
                    auto data = review->review()->model()->reviewData();
                    return data && data->scoringId == id;
                }, 60000))
                shots.fail(QStringLiteral("the Review window did not show scoring ") + QString::number(id));
        }
        settle(4000);
        shots.shootWindow(review, QStringLiteral("08-review-window"));
        if (auto* tabs = review->findChild<QTabWidget*>()) {
            tabs->setCurrentWidget(review->dashboard());
            settle(2500);
            shots.shootWindow(review, QStringLiteral("09-influence-dashboard"));
            tabs->setCurrentWidget(review->review());
            settle(500);
        }
        review->showKeyHelp();
        settle(800);
        shots.shootWindow(review, QStringLiteral("10-key-help"));
        review->close();
        settle(300);
    }

    // ---- the Retrieval window: results, then a failure selected
    if (auto* open = mw.findChild<QAction*>(QStringLiteral("actionOpenRetrieval"))) open->trigger();
    QPointer<gui::RetrievalWindow> retrieval = newTopLevel<gui::RetrievalWindow>();
    if (!retrieval) {
        shots.fail(QStringLiteral("the Retrieval window did not open"));
    } else {
        retrieval->resize(kShotSize);
        widgets::RetrievalBrowser* b = retrieval->browser();
        if (!waitFor([&] { return !b->isLoading() && b->data() != nullptr; }, 60000))
            shots.fail(QStringLiteral("the Retrieval window did not load a run"));
        settle(1500);
        b->tabs()->setCurrentIndex(0);
        settle(800);
        shots.shootWindow(retrieval, QStringLiteral("11-retrieval-results"));
        for (int i = 0; i < b->tabs()->count(); ++i)
            if (b->tabs()->widget(i)->isAncestorOf(b->failureView())) b->tabs()->setCurrentIndex(i);
        if (b->failureView()->model() && b->failureView()->model()->rowCount() > 0) {
            b->failureView()->setFocus();
            b->failureView()->selectRow(0);
        } else {
            shots.fail(QStringLiteral("the retrieval run has no failures to select"));
        }
        settle(2000);
        shots.shootWindow(retrieval, QStringLiteral("12-retrieval-failure"));
        retrieval->close();
    }

    std::printf("%d pictures written\n", shots.written());
    return shots.failed() ? 1 : 0;
}
