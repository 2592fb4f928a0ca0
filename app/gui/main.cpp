#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QTimer>

#include "app/gui/mainwindow.h"
#include "widgets/sample_grid_model.h"
#include "widgets/sample_grid_view.h"
#include "widgets/translation.h"

using winnow::gui::MainWindow;

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Winnow"));
    QApplication::setApplicationName(QStringLiteral("winnow"));
    QApplication::setApplicationDisplayName(QStringLiteral("Winnow"));
    QApplication::setApplicationVersion(QStringLiteral(WINNOW_VERSION));
    winnow::widgets::installTranslations(app, winnow::widgets::uiLanguage());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Find and fix mislabelled samples."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption demo(QStringLiteral("demo"),
                            QApplication::translate("main",
                                                    "Open the Fashion-MNIST demo project, "
                                                    "building it first if needed."));
    QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Save a picture of the window to <file> and quit."),
        QStringLiteral("file"));
    parser.addOption(demo);
    parser.addOption(screenshot);
    parser.addPositionalArgument(QStringLiteral("project"),
                                 QApplication::translate("main", "Project file to open."));
    parser.process(app);

    MainWindow window;
    window.show();

    const QString shotFile = parser.value(screenshot);
    // Screenshot: once the project is shown, select a sample, let thumbnails and the detail
    // image arrive, then grab the window.
    auto afterShown = [&window, shotFile] {
        if (shotFile.isEmpty()) return;
        auto* grid = window.grid();
        if (grid->model()->rowCount() > 0) grid->setCurrentIndex(grid->model()->index(3, 0));
        QTimer::singleShot(3000, &window, [&window, shotFile] {
            window.grab().save(shotFile);
            QApplication::quit();
        });
    };
    const QStringList args = parser.positionalArguments();
    if (parser.isSet(demo))
        window.openDemo(MainWindow::defaultDemoPath(), afterShown);
    else if (!args.isEmpty())
        window.openProject(QFileInfo(args.first()).absoluteFilePath(), afterShown);
    else if (!shotFile.isEmpty())
        QTimer::singleShot(1500, &window, [&window, shotFile] {
            window.grab().save(shotFile);
            QApplication::quit();
        });
    return app.exec();
}
