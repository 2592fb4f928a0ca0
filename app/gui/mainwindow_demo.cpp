#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>

#include "app/gui/mainwindow.h"
#include "core/dataset/demo.h"
#include "widgets/job_runner.h"

namespace winnow::gui {

QString MainWindow::defaultDemoPath() {
    // ~/.local/share/winnow/demo/fashion-mnist.winnow (XDG data home), what README names.
    QString base = qEnvironmentVariable("XDG_DATA_HOME");
    if (base.isEmpty()) base = QDir::homePath() + QStringLiteral("/.local/share");
    return base + QStringLiteral("/winnow/demo/fashion-mnist.winnow");
}

void MainWindow::openDemo(const QString& file, std::function<void()> whenShown) {
    if (QFileInfo::exists(file)) {
        openProject(file, std::move(whenShown));
        return;
    }
    if (!core::fashionMnistAvailable()) {
        QMessageBox::information(
            this, tr("Demo project"),
            tr("The demo needs Debian's Fashion-MNIST data set, which is not installed "
               "(expected in %1).\n\nInstall it with:\n  sudo apt install dataset-fashion-mnist")
                .arg(QString::fromStdString(core::fashionMnistDir().string())));
        return;
    }
    QDir().mkpath(QFileInfo(file).absolutePath());
    statusBar()->showMessage(tr("Building the demo project…"));
    const std::filesystem::path target(file.toStdString());
    m_jobs->start(
        tr("Build demo project"),
        [target](const core::ProgressFn& progress, const core::CancelToken& cancel) {
            core::buildFashionMnistDemo(target, progress, &cancel);
        },
        [this, file, target, whenShown](const widgets::JobResult& r) {
            if (r.ok) {
                openProject(file, whenShown);
                return;
            }
            // A half-built demo would be opened next time as if complete: remove it.
            std::error_code ec;
            std::filesystem::remove(target, ec);
            std::filesystem::remove(std::filesystem::path(target.string() + "-wal"), ec);
            std::filesystem::remove(std::filesystem::path(target.string() + "-shm"), ec);
            statusBar()->clearMessage();
            if (!r.cancelled) reportError(tr("Demo project"), r.error);
        });
}

}  // namespace winnow::gui
