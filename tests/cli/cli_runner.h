#pragma once
// Runs winnow-cli (path from the build: WINNOW_CLI) as a user or a script would.
#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>

namespace winnow::test {

struct CliResult {
    int code = -1;
    QByteArray out, err;
};

inline CliResult runCli(const QStringList& args) {
    QProcess p;
    p.start(WINNOW_CLI, args);
    p.waitForFinished(120000);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

// The last non-empty stdout line parsed as JSON.
inline QJsonObject lastJson(const QByteArray& out) {
    const auto lines = out.trimmed().split('\n');
    return QJsonDocument::fromJson(lines.last()).object();
}

}  // namespace winnow::test
