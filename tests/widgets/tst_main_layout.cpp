// Issue 16, bugs 11 and 13, main-window side: at 1366×768, in English and in Korean, with ten
// classes with long names, no text of the main window and its dialogs is cut or overlaps:
// training-curve and per-class legends fit their entries; class names under the class
// distribution and per-class accuracy axes never overlap a neighbour or run past the plot,
// and a shortened one shows its whole name as a tooltip; import problems show the whole path
// as a tooltip; combo boxes fit their longest item and placeholders their field.
// WINNOW_LAYOUT_SHOTS=<folder> saves what each check looked at.
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QStyleOptionComboBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolTip>
#include <QTranslator>
#include <QtTest>
#include <cmath>
#include <qcustomplot.h>

#include "app/gui/mainwindow.h"
#include "app/gui/retrieval_window.h"
#include "review_fixture.h"
#include "widgets/analysis/noise_dialog.h"
#include "widgets/analysis/score_dialog.h"
#include "widgets/class_distribution_chart.h"
#include "widgets/import_dialog.h"
#include "widgets/job_runner.h"
#include "widgets/retrieval/retrieval_eval_dialog.h"
#include "widgets/sample_grid_model.h"
#include "widgets/settings_dialog.h"
#include "widgets/review/plot_frame.h"
#include "widgets/runs/compare_runs_dialog.h"
#include "widgets/train/per_class_accuracy_chart.h"
#include "widgets/train/train_dialog.h"
#include "widgets/train/training_panel.h"
#include "widgets/train/training_curves_widget.h"
#include "widgets/translation.h"

using namespace winnow;
namespace fs = std::filesystem;

namespace {

// Fashion-MNIST's names and long Korean ones: ten classes, several wider than a bar's slot.
const QStringList kEnglishNames = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                   "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
const QStringList kKoreanNames = {"티셔츠/상의", "바지", "풀오버 스웨터", "원피스", "코트",
                                  "샌들",        "셔츠", "운동화",       "가방",   "앵클 부츠 (발목 높이)"};

void setLanguage(const QString& lang) {
    for (QTranslator* t : QCoreApplication::instance()->findChildren<QTranslator*>()) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
    if (lang != QLatin1String("en")) QVERIFY(widgets::installTranslations(*QCoreApplication::instance(), lang));
}

void shot(QWidget* w, const QString& name) {
    const QString dir = qEnvironmentVariable("WINNOW_LAYOUT_SHOTS");
    if (!dir.isEmpty()) w->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

// Legend entries of `p` drawn narrower than icon, padding and text (the text is clipped), off
// the plot, or over one another.
QStringList legendProblems(QCustomPlot* p) {
    QStringList out;
    QCPLegend* l = p->legend;
    QList<QRect> seen;
    for (int i = 0; i < l->itemCount(); ++i) {
        auto* item = qobject_cast<QCPPlottableLegendItem*>(l->item(i));
        if (!item) continue;
        const QString name = item->plottable()->name();
        const int need = l->iconSize().width() + l->iconTextPadding() + QFontMetrics(item->font()).horizontalAdvance(name);
        const QRect r = item->rect();
        if (r.width() < need) out << QStringLiteral("'%1' gets %2 px, needs %3").arg(name).arg(r.width()).arg(need);
        if (!p->rect().contains(item->outerRect()))
            out << QStringLiteral("'%1' at %2,%3 %4×%5 runs off the %6×%7 plot")
                       .arg(name).arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height()).arg(p->width()).arg(p->height());
        for (const QRect& o : seen)
            if (o.intersects(r)) out << QStringLiteral("'%1' overlaps another entry").arg(name);
        seen << r;
    }
    return out;
}

// A left axis label longer than its axis (QCustomPlot clips it at both ends).
QStringList axisLabelProblems(QCustomPlot* p) {
    const int need = QFontMetrics(p->yAxis->labelFont()).horizontalAdvance(p->yAxis->label());
    if (need <= p->yAxis->axisRect()->height()) return {};
    return {QStringLiteral("axis label '%1' needs %2 px, the axis has %3").arg(p->yAxis->label()).arg(need)
                .arg(p->yAxis->axisRect()->height())};
}

// Where QCustomPlot draws a bottom axis tick label: translated to the tick (plus its offset
// for the rotation), rotated, the text box at the origin.
QPolygonF labelPolygon(QCPAxis* axis, double key, const QString& text) {
    const QFontMetrics fm(axis->tickLabelFont());
    const double w = fm.horizontalAdvance(text), h = fm.height();
    const double deg = axis->tickLabelRotation(), rad = deg * M_PI / 180.0;
    QPointF offset(-w / 2, 0);
    if (deg > 0) offset = QPointF(std::sin(rad) * h / 2, 0);
    if (deg < 0) offset = QPointF(-std::cos(-rad) * w - std::sin(-rad) * h / 2, std::sin(-rad) * w);
    const QPointF anchor(axis->coordToPixel(key),
                         axis->axisRect()->bottom() + std::max(0, axis->tickLengthOut()) + axis->tickLabelPadding());
    QTransform t;
    t.translate(anchor.x() + offset.x(), anchor.y() + offset.y());
    t.rotate(deg);
    return t.map(QPolygonF(QRectF(0, 0, w, h)));
}

QString toolTipAt(QWidget* w, QPoint pos) {
    QToolTip::hideText();
    QHelpEvent e(QEvent::ToolTip, pos, w->mapToGlobal(pos));
    QApplication::sendEvent(w, &e);
    return QToolTip::isVisible() ? QToolTip::text() : QString();
}

// Class names under the bottom axis that are missing, cut by the plot's edge, over their
// neighbour, or shortened without a tooltip giving them whole.
QStringList axisProblems(QCustomPlot* p, const QStringList& names) {
    QStringList out;
    QCPAxis* axis = p->xAxis;
    auto ticker = axis->ticker().dynamicCast<QCPAxisTickerText>();
    if (!ticker) return {QStringLiteral("no text ticker")};
    const QMap<double, QString> ticks = ticker->ticks();
    QPolygonF previous;
    for (int k = 0; k < names.size(); ++k) {
        if (!ticks.contains(k)) {
            out << QStringLiteral("no tick for '%1'").arg(names[k]);
            continue;
        }
        const QString drawn = ticks.value(k);
        const QPolygonF poly = labelPolygon(axis, k, drawn);
        const QRectF box = poly.boundingRect();
        if (!drawn.isEmpty() && !QRectF(p->rect()).adjusted(-0.5, -0.5, 0.5, 0.5).contains(box))
            out << QStringLiteral("'%1' drawn at %2..%3 × %4..%5, outside the %6×%7 plot")
                       .arg(drawn).arg(box.left()).arg(box.right()).arg(box.top()).arg(box.bottom())
                       .arg(p->width()).arg(p->height());
        if (!drawn.isEmpty() && !previous.isEmpty() && previous.intersects(poly))
            out << QStringLiteral("'%1' overlaps the label before it").arg(drawn);
        if (!drawn.isEmpty()) previous = poly;
        if (drawn != names[k]) {
            // Shortened or left out for room: the whole name is a tooltip over its place.
            const QPoint at = (drawn.isEmpty() ? QPointF(axis->coordToPixel(k), axis->axisRect()->bottom() + 4)
                                               : box.center()).toPoint();
            const QString tip = toolTipAt(p, at);
            if (tip != names[k])
                out << QStringLiteral("'%1' drawn as '%2', tooltip '%3'").arg(names[k], drawn, tip);
        }
    }
    return out;
}

// Text area of a combo box's field.
int comboTextWidth(QComboBox* c) {
    QStyleOptionComboBox opt;
    opt.initFrom(c);
    opt.editable = c->isEditable();
    return c->style()->subControlRect(QStyle::CC_ComboBox, &opt, QStyle::SC_ComboBoxEditField, c).width();
}

// Visible combo boxes narrower than their longest item and line edits narrower than their
// placeholder.
QStringList fieldProblems(QWidget* root) {
    QStringList out;
    for (QComboBox* c : root->findChildren<QComboBox*>()) {
        if (!c->isVisible()) continue;
        const QFontMetrics fm = c->fontMetrics();
        for (int i = 0; i < c->count(); ++i)
            if (fm.horizontalAdvance(c->itemText(i)) + 4 > comboTextWidth(c))
                out << QStringLiteral("combo %1: '%2' needs %3 px, has %4")
                           .arg(c->objectName(), c->itemText(i))
                           .arg(fm.horizontalAdvance(c->itemText(i)) + 4)
                           .arg(comboTextWidth(c));
    }
    for (QLineEdit* e : root->findChildren<QLineEdit*>()) {
        if (!e->isVisible() || e->placeholderText().isEmpty() || qobject_cast<QComboBox*>(e->parentWidget()))
            continue;
        // Frame and margins, as tst_review_layout counts them (a clear button shows only
        // once there is text, where the placeholder has gone).
        const int need = e->fontMetrics().horizontalAdvance(e->placeholderText()) + 16;
        if (e->width() < need)
            out << QStringLiteral("line edit %1: '%2' needs %3 px, has %4")
                       .arg(e->objectName(), e->placeholderText()).arg(need).arg(e->width());
    }
    return out;
}

// QTest cuts long failure messages: each problem goes to the log, the message counts them.
QString report(const QStringList& problems) {
    for (const QString& p : problems) qWarning().noquote() << p;
    return QStringLiteral("%1 problem(s), listed above; first: %2").arg(problems.size()).arg(problems.value(0));
}

QString epochRow(int epoch) {
    return QStringLiteral(R"({"epoch":%1,"loss_train":%2,"loss_val":%3,"loss_test":%4,"acc_train":%5,)"
                          R"("acc_val":%6,"acc_trusted":%7,"acc_test":%8})")
        .arg(epoch).arg(2.0 / (epoch + 1)).arg(2.2 / (epoch + 1)).arg(2.3 / (epoch + 1))
        .arg(0.5 + 0.1 * epoch).arg(0.45 + 0.1 * epoch).arg(0.4 + 0.1 * epoch).arg(0.42 + 0.1 * epoch);
}

const char* kPerClassRow =
    R"({"epoch":2,"per_class_split":"test","acc_many":0.91,"acc_medium":0.75,"acc_few":0.4,)"
    R"("per_class_acc":[0.9,0.95,0.7,0.85,0.6,0.97,0.4,0.93,0.98,0.92],)"
    R"("train_counts":[500,480,120,90,60,40,18,12,300,8]})";

}  // namespace

class TestMainLayout : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    int m_count = 0;

    fs::path project(const QStringList& names) {
        ++m_count;
        auto data = widgets::makeSyntheticReviewData(200, int(names.size()), 0.1, 7 + m_count);
        for (int k = 0; k < names.size(); ++k) data->classNames[k] = names[k];
        const fs::path dir(m_tmp.path().toStdString());
        const fs::path file = dir / ("p" + std::to_string(m_count) + ".winnow");
        review_fixture::makeProject(file, dir / ("m" + std::to_string(m_count)), *data);
        return file;
    }

private Q_SLOTS:
    void initTestCase() {
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_tmp.filePath(QStringLiteral("settings")));
        QCoreApplication::setOrganizationName(QStringLiteral("winnow-test"));
        QSettings().setValue(QStringLiteral("review/reviewer"), QStringLiteral("tester"));
    }
    void cleanup() { setLanguage(QStringLiteral("en")); }

    void mainWindowAt1366x768_data() {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QStringList>("names");
        QTest::newRow("en") << QStringLiteral("en") << kEnglishNames;
        QTest::newRow("ko") << QStringLiteral("ko") << kKoreanNames;
    }
    void mainWindowAt1366x768() {
        QFETCH(QString, lang);
        QFETCH(QStringList, names);
        setLanguage(lang);
        const fs::path file = project(names);
        gui::MainWindow mw;
        mw.show();
        mw.resize(1366, 768);
        QVERIFY(QTest::qWaitForWindowExposed(&mw));
        bool shown = false;
        mw.openProject(QString::fromStdString(file.string()), [&] { shown = true; });
        QTRY_VERIFY_WITH_TIMEOUT(shown, 20000);
        auto* trainingDock = mw.findChild<QDockWidget*>(QStringLiteral("trainingDock"));
        QVERIFY(trainingDock);
        trainingDock->show();
        QTest::qWait(50);
        QCOMPARE(mw.size(), QSize(1366, 768));

        // Class distribution: ten names under the axis.
        auto* chart = mw.findChild<widgets::ClassDistributionChart*>();
        QVERIFY(chart);
        QTRY_COMPARE(chart->counts().size(), size_t(10));
        chart->plot()->replot();
        QCoreApplication::processEvents();
        shot(&mw, QStringLiteral("main-%1").arg(lang));
        shot(chart, QStringLiteral("distribution-%1").arg(lang));
        // Every problem is listed before failing, so one run shows them all.
        QStringList bad;
        for (const QString& b : axisProblems(chart->plot(), names) + legendProblems(chart->plot()) +
                                    axisLabelProblems(chart->plot()))
            bad << QStringLiteral("distribution: ") + b;

        // Training dock: curves with all four splits, per-class accuracy of ten classes.
        auto* curves = mw.findChild<widgets::TrainingCurvesWidget*>();
        auto* perClass = mw.findChild<widgets::PerClassAccuracyChart*>();
        QVERIFY(curves && perClass);
        QVERIFY2(curves->width() > 0 && perClass->width() > 0, "training dock not laid out");
        curves->setEpochs({epochRow(0), epochRow(1), epochRow(2)});
        perClass->setClassNames(names);
        perClass->setEpoch(QString::fromLatin1(kPerClassRow));
        for (QCustomPlot* p : {curves->lossPlot(), curves->accuracyPlot(), perClass->plot()}) p->replot();
        QCoreApplication::processEvents();
        shot(trainingDock, QStringLiteral("training-%1").arg(lang));
        for (const QString& b : legendProblems(curves->lossPlot()) + axisLabelProblems(curves->lossPlot()))
            bad << QStringLiteral("loss curves: ") + b;
        for (const QString& b : legendProblems(curves->accuracyPlot()) + axisLabelProblems(curves->accuracyPlot()))
            bad << QStringLiteral("accuracy curves: ") + b;
        for (const QString& b : legendProblems(perClass->plot()) + axisProblems(perClass->plot(), names) +
                                    axisLabelProblems(perClass->plot()))
            bad << QStringLiteral("per-class accuracy: ") + b;

        // Filter bar: the class combo box shows the longest class name whole.
        for (const QString& b : fieldProblems(mw.centralWidget())) bad << QStringLiteral("filter bar: ") + b;
        QVERIFY2(bad.isEmpty(), qPrintable(report(bad)));
    }

    // The dialogs of the main window: every combo box fits its longest item and every
    // placeholder its field, in English and Korean.
    void dialogFieldsFit_data() {
        QTest::addColumn<QString>("lang");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("ko") << QStringLiteral("ko");
    }
    void dialogFieldsFit() {
        QFETCH(QString, lang);
        setLanguage(lang);
        const fs::path file = project(lang == QLatin1String("ko") ? kKoreanNames : kEnglishNames);
        widgets::JobRunner runner;
        std::vector<std::unique_ptr<QDialog>> dialogs;
        dialogs.emplace_back(new widgets::TrainDialog(file));
        dialogs.emplace_back(new widgets::NoiseDialog);
        dialogs.emplace_back(new widgets::ScoreDialog(file));
        dialogs.emplace_back(new widgets::SettingsDialog);
        dialogs.emplace_back(new widgets::ImportDialog(file, &runner));
        dialogs.emplace_back(new widgets::RetrievalEvalDialog(file));
        QStringList bad;
        for (auto& d : dialogs) {
            d->show();
            QVERIFY(QTest::qWaitForWindowExposed(d.get()));
            // Every dialog shows whole within a 1366×768 screen.
            QVERIFY2(d->width() <= 1366 && d->height() <= 768,
                     qPrintable(QStringLiteral("%1: %2×%3").arg(QString::fromLatin1(d->metaObject()->className())).arg(d->width()).arg(d->height())));
            shot(d.get(), QStringLiteral("%1-%2").arg(QString::fromLatin1(d->metaObject()->className()), lang));
            for (const QString& b : fieldProblems(d.get()))
                bad << QString::fromLatin1(d->metaObject()->className()) + QStringLiteral(": ") + b;
        }
        // The Retrieval window opened from the main window, at 1366×768.
        gui::RetrievalWindow retrieval(file);
        retrieval.show();
        retrieval.resize(1366, 768);
        QVERIFY(QTest::qWaitForWindowExposed(&retrieval));
        QCoreApplication::processEvents();
        auto* tabs = retrieval.findChild<QTabWidget*>();
        QVERIFY(tabs);
        for (int t = 0; t < tabs->count(); ++t) {
            tabs->setCurrentIndex(t);
            QCoreApplication::processEvents();
            shot(&retrieval, QStringLiteral("retrieval-%1-%2").arg(lang).arg(t));
            for (const QString& b : fieldProblems(&retrieval))
                bad << QStringLiteral("RetrievalWindow tab %1: ").arg(tabs->tabText(t)) + b;
        }
        QVERIFY2(bad.isEmpty(), qPrintable(report(bad)));
    }

    // Issue 16, defects 4, 12-15: runs in the Training dock and in "Compare runs". Run states
    // and kinds are codes in the project; they show translated. Both count epochs from 1. The
    // runs table is as tall as its rows, and the curves' legends sit clear of the axes.
    void runsAt1366x768_data() {
        QTest::addColumn<QString>("lang");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("ko") << QStringLiteral("ko");
    }
    void runsAt1366x768() {
        QFETCH(QString, lang);
        setLanguage(lang);
        const bool ko = lang == QLatin1String("ko");
        const fs::path file = project(ko ? kKoreanNames : kEnglishNames);
        {
            auto p = core::Project::open(file);
            auto run = p->db().prepare("INSERT INTO runs(id, created_at, state, kind, config_json) VALUES(?, ?, 'done', 'train', ?)");
            auto ep = p->db().prepare("INSERT INTO run_epochs(run_id, epoch, metrics_json) VALUES(?,?,?)");
            for (int id = 1; id <= 2; ++id) {
                run.bind(1, id).bind(2, "2030-01-0" + std::to_string(id) + "T00:00:00Z")
                    .bind(3, R"({"model":"cnn-small","loss":"focal","epochs":6})").run();
                run.reset();
                for (int e = 0; e < 6; ++e) {  // the engine counts epochs from 0
                    ep.bind(1, id).bind(2, e).bind(3, epochRow(e).toStdString()).run();
                    ep.reset();
                }
            }
        }
        QStringList bad;
        const QString doneWord = ko ? QStringLiteral("완료") : QStringLiteral("done");
        // Training dock: the run selector and the summary.
        widgets::TrainingPanel panel;
        panel.resize(1366, 330);
        panel.setProject(file);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto* runs = panel.findChild<QComboBox*>();
        QVERIFY(runs && runs->count() == 2);
        for (int i = 0; i < runs->count(); ++i)
            if (!runs->itemText(i).endsWith(doneWord)) bad << QStringLiteral("run selector: '%1'").arg(runs->itemText(i));
        bool summary = false;
        for (QLabel* l : panel.findChildren<QLabel*>())
            if (l->text().contains(QStringLiteral(": %1").arg(doneWord))) summary = true;
        if (!summary) bad << QStringLiteral("no summary saying '%1'").arg(doneWord);
        const QVector<double> dockEpochs = panel.curves()->epochs(QStringLiteral("acc_val"));
        QCOMPARE(dockEpochs.value(0), 1.0);

        // Compare runs at 1366×768.
        widgets::CompareRunsDialog dlg(file);
        dlg.resize(1366, 768);
        dlg.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dlg));
        QCoreApplication::processEvents();
        shot(&dlg, QStringLiteral("compare-%1").arg(lang));
        QTableWidget* t = dlg.runsTable();
        for (int r = 0; r < t->rowCount(); ++r) {
            if (t->item(r, 1)->text() != doneWord) bad << QStringLiteral("runs table state '%1'").arg(t->item(r, 1)->text());
            const QString kind = t->item(r, 2)->text();
            if (kind != (ko ? QStringLiteral("학습") : QStringLiteral("train"))) bad << QStringLiteral("runs table kind '%1'").arg(kind);
        }
        // As tall as the header and two rows (with a scroll bar if the columns need one).
        int content = t->horizontalHeader()->height() + 2 * t->frameWidth() + t->rowHeight(0) + t->rowHeight(1);
        if (t->horizontalScrollBar()->isVisible()) content += t->horizontalScrollBar()->height();
        if (t->height() > content + 2) bad << QStringLiteral("runs table %1 px tall for %2 px of rows").arg(t->height()).arg(content);
        // ... and the run pickers follow it directly (no empty band).
        for (QComboBox* c : dlg.findChildren<QComboBox*>()) {
            const int gap = c->mapTo(&dlg, QPoint(0, 0)).y() - t->mapTo(&dlg, QPoint(0, t->height())).y();
            if (gap > 20) bad << QStringLiteral("%1 px between the runs table and the run pickers").arg(gap);
        }
        for (QCustomPlot* p : {dlg.lossFrame()->plot(), dlg.accuracyFrame()->plot()}) {
            p->replot();
            for (int i = 0; i < p->graphCount(); ++i) {
                QCPGraph* g = p->graph(i);
                if (!g->data()->isEmpty() && g->data()->constBegin()->key != 1.0)
                    bad << QStringLiteral("'%1' starts at epoch %2").arg(g->name()).arg(g->data()->constBegin()->key);
                if (ko && g->name().contains(QRegularExpression(QStringLiteral("train|val|test"))))
                    bad << QStringLiteral("legend '%1' untranslated").arg(g->name());
            }
            const QRect legend = p->legend->outerRect();
            if (legend.intersects(p->axisRect()->rect()))
                bad << QStringLiteral("legend %1,%2 %3×%4 over the axes").arg(legend.x()).arg(legend.y()).arg(legend.width()).arg(legend.height());
            for (const QString& b : legendProblems(p)) bad << QStringLiteral("compare curves: ") + b;
        }
        QCustomPlot* perClass = dlg.perClassFrame()->plot();
        if (perClass->legend->outerRect().intersects(perClass->axisRect()->rect())) bad << QStringLiteral("per-class legend over the bars");
        QVERIFY2(bad.isEmpty(), qPrintable(report(bad)));
    }

    // Issue 16, defects 8-10: no empty areas in the dialogs. The collapsed "Advanced" box of
    // the train dialog is its title alone (it drew an empty disabled frame); the import dialog
    // is as tall as its form (a large gap before the buttons) and shows no "0%" progress bar
    // before an import starts.
    void dialogsHaveNoEmptyAreas_data() {
        QTest::addColumn<QString>("lang");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("ko") << QStringLiteral("ko");
    }
    void dialogsHaveNoEmptyAreas() {
        QFETCH(QString, lang);
        setLanguage(lang);
        const fs::path file = project(lang == QLatin1String("ko") ? kKoreanNames : kEnglishNames);
        widgets::TrainDialog train(file);
        train.show();
        QVERIFY(QTest::qWaitForWindowExposed(&train));
        auto* advanced = train.findChild<QGroupBox*>(QStringLiteral("advanced"));
        QVERIFY(advanced && !advanced->isChecked());
        QVERIFY2(advanced->height() <= advanced->fontMetrics().height() + 10,
                 qPrintable(QStringLiteral("collapsed box %1 px tall").arg(advanced->height())));
        advanced->setChecked(true);
        QCoreApplication::processEvents();
        QVERIFY(advanced->findChild<QSpinBox*>(QStringLiteral("warmupEpochs"))->isVisible());
        QVERIFY(advanced->height() > 100);

        widgets::JobRunner runner;
        widgets::ImportDialog import(file, &runner);
        import.show();
        QVERIFY(QTest::qWaitForWindowExposed(&import));
        auto* bar = import.findChild<QProgressBar*>();
        QVERIFY(bar);
        QVERIFY2(!bar->isVisible(), "a progress bar before any import");
        int formBottom = 0;
        for (QWidget* w : import.findChildren<QWidget*>())
            if (w->isVisible() && (qobject_cast<QComboBox*>(w) || qobject_cast<QLineEdit*>(w)))
                formBottom = std::max(formBottom, w->mapTo(&import, QPoint(0, w->height())).y());
        auto* buttons = import.findChild<QDialogButtonBox*>();
        QVERIFY(buttons);
        const int gap = buttons->mapTo(&import, QPoint(0, 0)).y() - formBottom;
        QVERIFY2(gap <= 60, qPrintable(QStringLiteral("%1 px between the form and the buttons").arg(gap)));
    }

    // Import problems name files by long paths: the table shortens them in the middle (the
    // file name stays) and the whole path is the cell's tooltip.
    void importIssuePathsHaveTooltips() {
        setLanguage(QStringLiteral("ko"));
        const QString root = m_tmp.filePath(QStringLiteral("import/a rather long folder name/with more levels/of nesting"));
        QVERIFY(QDir().mkpath(root + QStringLiteral("/train/cat")));
        QImage img(8, 8, QImage::Format_RGB32);
        img.fill(Qt::gray);
        QVERIFY(img.save(root + QStringLiteral("/train/cat/fine.png")));
        for (const char* bad : {"broken_image_with_a_long_file_name_0001.png", "broken_image_with_a_long_file_name_0002.png"}) {
            QFile f(root + QStringLiteral("/train/cat/") + QLatin1String(bad));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("not a png at all");
        }
        const fs::path file = fs::path(m_tmp.path().toStdString()) / "import.winnow";
        core::Project::create(file);
        widgets::JobRunner runner;
        widgets::ImportDialog dlg(file, &runner);
        dlg.setSource(QStringLiteral("imagefolder"), root + QStringLiteral("/train"));
        dlg.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dlg));
        QSignalSpy finished(&dlg, &widgets::ImportDialog::importFinished);
        dlg.startImport();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        auto* table = dlg.findChild<QTableWidget*>();
        QVERIFY(table && table->isVisible());
        QVERIFY(table->rowCount() >= 2);
        QCoreApplication::processEvents();
        shot(&dlg, QStringLiteral("import-issues"));
        QCOMPARE(table->textElideMode(), Qt::ElideMiddle);
        bool anyCut = false;
        for (int r = 0; r < table->rowCount(); ++r) {
            QTableWidgetItem* path = table->item(r, 0);
            QVERIFY(path);
            QVERIFY2(path->text().contains(QStringLiteral("broken_image_with_a_long_file_name")), qPrintable(path->text()));
            QCOMPARE(path->toolTip(), path->text());
            anyCut = anyCut || table->fontMetrics().horizontalAdvance(path->text()) > table->columnWidth(0);
            if (QTableWidgetItem* reason = table->item(r, 2)) QCOMPARE(reason->toolTip(), reason->text());
        }
        QVERIFY2(anyCut, "the paths fit: the test no longer shows a cut path");
    }
};

QTEST_MAIN(TestMainLayout)
#include "tst_main_layout.moc"
