#pragma once
// Runs winnow-cli (path from the build: WINNOW_CLI) as a user or a script would.
#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>

#include <filesystem>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

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

// `root` gets three 4x4 images in two class folders (ant/1.png, ant/2.png, bee/3.png), which
// `winnow-cli import` turns into `project`; returns the import's result.
inline CliResult importThreeImages(const std::filesystem::path& root, const std::filesystem::path& project) {
    for (const char* f : {"ant/1.png", "ant/2.png", "bee/3.png"}) {
        std::filesystem::create_directories((root / f).parent_path());
        if (!cv::imwrite((root / f).string(), cv::Mat(4, 4, CV_8UC3, cv::Scalar(9, 9, 9)))) return {};
    }
    return runCli({"import", "--project", QString::fromStdString(project.string()), "--format", "imagefolder",
                   "--source", QString::fromStdString(root.string())});
}

}  // namespace winnow::test
