#include "widgets/train/multi_process_launch.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include "core/train/loopback_port.h"
#include "core/train/train_command_line.h"

namespace winnow::widgets {

namespace {
QString executable(const QString& nameOrPath) {
    if (nameOrPath.isEmpty()) return {};
    if (nameOrPath.contains(QLatin1Char('/'))) {
        const QFileInfo f(nameOrPath);
        return f.isFile() && f.isExecutable() ? f.absoluteFilePath() : QString();
    }
    return QStandardPaths::findExecutable(nameOrPath);
}
}  // namespace

QString torchrunProgram() {
    const QString named = qEnvironmentVariable("WINNOW_TORCHRUN");
    return executable(named.isEmpty() ? QStringLiteral("torchrun") : named);
}

QString winnowCliProgram() {
    const QString named = qEnvironmentVariable("WINNOW_CLI");
    if (!named.isEmpty()) return executable(named);
    const QDir here(QCoreApplication::applicationDirPath());
    for (const QString& candidate : {here.filePath(QStringLiteral("winnow-cli")),
                                     here.filePath(QStringLiteral("../cli/winnow-cli"))}) {
        const QString found = executable(QDir::cleanPath(candidate));
        if (!found.isEmpty()) return found;
    }
    return executable(QStringLiteral("winnow-cli"));
}

ProcessLaunch trainLaunch(const QString& launcher, int processes, const QString& cli,
                          const std::filesystem::path& projectFile, const core::TrainConfig& cfg, int masterPort) {
    // The CLI arguments are checked first: a refused setting uses up no port.
    (void)core::trainCliArguments(projectFile.string(), cfg);
    if (masterPort == 0) masterPort = core::pickLoopbackPort();
    const core::LaunchCommand c = core::torchrunTrainCommand(launcher.toStdString(), processes, cli.toStdString(),
                                                             projectFile.string(), cfg, masterPort);
    ProcessLaunch out;
    out.program = QString::fromStdString(c.program);
    for (const std::string& a : c.arguments) out.arguments << QString::fromStdString(a);
    return out;
}

}  // namespace winnow::widgets
