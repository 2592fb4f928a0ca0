// Issue 16, bug 11 (review side) and bug 13: at 1366×768 with the Korean translation and
// Korean class names, no text of the review window is cut: every visible label, button,
// check box and combo box gets at least its size hint's width (or, where the text is elided
// on purpose, carries the whole text as a tooltip); placeholders fit their fields; the
// similar samples' captions fit their tiles; the detail image never overflows its label
// (it covered the suggested label when the class search opened); detector names are
// translated.
#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QRegularExpression>
#include <QSettings>
#include <QTabWidget>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QtTest>

#include "../core/array_project_fixture.h"
#include "app/gui/review_window.h"
#include "core/store/project.h"
#include "widgets/jobs_panel.h"
#include "widgets/review/class_palette.h"
#include "widgets/review/key_help_overlay.h"
#include "widgets/review/review_panel.h"
#include "widgets/review/review_queue_model.h"
#include "widgets/review/review_widget.h"
#include "widgets/review/similar_strip.h"
#include "widgets/translation.h"

using namespace winnow;
namespace fs = std::filesystem;

namespace {

QString describe(const QWidget* w, const QString& text) {
    return QStringLiteral("%1 '%2' (%3): width %4, needs %5")
        .arg(QString::fromLatin1(w->metaObject()->className()), text, w->objectName())
        .arg(w->width())
        .arg(w->sizeHint().width());
}

bool hasHangul(const QString& s) {
    return std::any_of(s.begin(), s.end(), [](QChar c) { return c.unicode() >= 0xAC00 && c.unicode() <= 0xD7A3; });
}

// Visible widgets of `root` whose text is cut without a tooltip that gives it whole.
QStringList clippedTexts(QWidget* root) {
    QStringList out;
    for (QWidget* w : root->findChildren<QWidget*>()) {
        if (!w->isVisible() || w->visibleRegion().isEmpty()) continue;
        const bool tip = !w->toolTip().isEmpty();
        if (auto* l = qobject_cast<QLabel*>(w)) {
            if (l->wordWrap() || l->text().isEmpty() || !l->pixmap().isNull()) continue;
            if (l->width() < l->sizeHint().width() && !tip) out << describe(l, l->text());
        } else if (auto* b = qobject_cast<QAbstractButton*>(w)) {
            if (b->text().isEmpty()) continue;
            if (b->width() < b->sizeHint().width() && !tip) out << describe(b, b->text());
        } else if (auto* c = qobject_cast<QComboBox*>(w)) {
            if (c->count() == 0) continue;
            if (c->width() < c->sizeHint().width() && !tip) out << describe(c, c->currentText());
        } else if (auto* e = qobject_cast<QLineEdit*>(w)) {
            if (e->placeholderText().isEmpty() || !e->text().isEmpty()) continue;
            const int need = e->fontMetrics().horizontalAdvance(e->placeholderText()) + 16;
            if (e->width() < need) out << describe(e, e->placeholderText());
        }
    }
    return out;
}

}  // namespace

class TestReviewLayout : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void initTestCase() {
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_tmp.filePath(QStringLiteral("settings")));
        QCoreApplication::setOrganizationName(QStringLiteral("winnow-test"));
        QSettings().setValue(QStringLiteral("review/reviewer"), QStringLiteral("검토자"));
        QVERIFY(widgets::installTranslations(*QCoreApplication::instance(), QStringLiteral("ko")));
    }

    void koreanAt1366x768() {
        const fs::path file = fs::path(m_tmp.path().toStdString()) / "ko.winnow";
        array_fixture::makeArrayProject(file, 40);
        {
            auto p = core::Project::open(file);
            const char* names[] = {"앵클 부츠 (발목 높이)", "풀오버 스웨터", "티셔츠/상의"};
            for (int k = 0; k < 3; ++k) {
                auto st = p->db().prepare("UPDATE classes SET name=? WHERE idx=?");
                st.bind(1, names[k]).bind(2, k).run();
            }
        }
        array_fixture::trainAndScore(file, "small-loss");
        {
            auto p = core::Project::open(file);
            core::ScoreRequest r;
            r.detector = "confident-learning";
            core::scoreProject(*p, r);
        }
        auto* w = new gui::ReviewWindow(file);
        const std::unique_ptr<gui::ReviewWindow> owner(w);
        w->resize(1366, 768);
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w));
        QTRY_VERIFY_WITH_TIMEOUT(w->review()->model()->reviewData() != nullptr, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(w->review()->panel()->imageShown(), 10000);
        if (w->size() != QSize(1366, 768)) {  // which part asks for more height
            for (QWidget* c : w->findChildren<QWidget*>())
                if (c->isVisible() && c->minimumSizeHint().height() > 40 && qEnvironmentVariableIsSet("WINNOW_LAYOUT_DEBUG"))
                    qInfo() << c->metaObject()->className() << c->objectName() << c->minimumSizeHint()
                            << c->parentWidget()->metaObject()->className();
        }
        QCOMPARE(w->size(), QSize(1366, 768));
        QCoreApplication::processEvents();
        // No job: the jobs strip under the tabs takes no room (it took ~100 px for "No jobs.").
        auto* jobs = w->findChild<widgets::JobsPanel*>(QStringLiteral("reviewJobs"));
        QVERIFY(jobs);
        QVERIFY(!jobs->isVisible());

        // Detector names are translated (bug 13), in the switch and the banner.
        QComboBox* sw = w->detectorSwitch();
        QCOMPARE(sw->count(), 2);
        for (int i = 0; i < sw->count(); ++i) QVERIFY2(hasHangul(sw->itemText(i)), qPrintable(sw->itemText(i)));
        // "Scoring 2" is not "score 2": Korean uses 채점 for a scoring, 점수 for a score.
        for (int i = 0; i < sw->count(); ++i) QVERIFY2(!sw->itemText(i).contains(QStringLiteral("점수")), qPrintable(sw->itemText(i)));

        // The key help names menu actions without their mnemonic, which Korean writes as a
        // suffix ("닫기(&C)"): neither "(&C)" nor "(C)" shows.
        w->showKeyHelp();
        const QString help = w->keyHelpOverlay()->text();
        QVERIFY2(!help.contains(QRegularExpression(QStringLiteral("\\(&?[A-Z]\\)"))), qPrintable(help));
        QVERIFY2(help.contains(QStringLiteral("닫기")), qPrintable(help));
        QTest::keyClick(w->keyHelpOverlay(), Qt::Key_Escape);

        auto* tabs = w->findChild<QTabWidget*>();
        QVERIFY(tabs);
        for (int t = 0; t < tabs->count(); ++t) {
            tabs->setCurrentIndex(t);
            QCoreApplication::processEvents();
            const QStringList cut = clippedTexts(w);
            QVERIFY2(cut.isEmpty(), qPrintable(QStringLiteral("tab %1: ").arg(tabs->tabText(t)) + cut.join(QStringLiteral("\n"))));
        }

        // The class search opens below the detail: the image shrinks with its label and the
        // header (given and suggested labels) stays clear of it.
        tabs->setCurrentIndex(0);
        widgets::ReviewWidget* review = w->review();
        review->queueView()->setFocus();
        QTest::keyClick(review->queueView(), Qt::Key_Slash);
        QCoreApplication::processEvents();
        QVERIFY(review->palette()->searchBox()->hasFocus());
        for (QLabel* l : review->panel()->findChildren<QLabel*>()) {
            if (!l->isVisible() || l->pixmap().isNull()) continue;
            const QSizeF px = l->pixmap().deviceIndependentSize();
            QVERIFY2(px.width() <= l->width() + 0.5 && px.height() <= l->height() + 0.5,
                     qPrintable(QStringLiteral("pixmap %1×%2 in a %3×%4 label").arg(px.width()).arg(px.height())
                                    .arg(l->width()).arg(l->height())));
        }
        const QStringList cut = clippedTexts(w);
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QStringLiteral("\n"))));

        // Similar samples' captions fit under their tiles.
        for (widgets::SimilarStrip* s : review->panel()->findChildren<widgets::SimilarStrip*>())
            for (int i = 0; i < s->items().size(); ++i)
                for (const QString& line : s->captionLines(i))
                    QVERIFY2(s->fontMetrics().horizontalAdvance(line) <= widgets::SimilarStrip::tileWidth(), qPrintable(line));
    }

    // Issue 16: the number-key legend wrapped inside "0 Ankle boot". At any width, each
    // entry ("number name") lies on one line.
    void keyLegendEntriesStayWhole() {
        const QStringList names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                   "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
        widgets::ClassPalette palette;
        palette.setClasses(names);
        auto* legend = palette.findChild<QLabel*>();
        QVERIFY(legend);
        QStringList bad;
        for (int width = 200; width <= 800; width += 5) {
            QTextDocument doc;
            doc.setDefaultFont(legend->font());
            doc.setDocumentMargin(0);
            doc.setHtml(legend->text());
            doc.setTextWidth(width);
            QVERIFY(doc.size().height() > 0);  // lays the text out
            const QTextBlock block = doc.firstBlock();
            QString text = block.text();
            text.replace(QChar::Nbsp, QLatin1Char(' '));
            for (int k = 0; k < names.size(); ++k) {
                const QString entry = QStringLiteral("%1 %2").arg((k + 1) % 10).arg(names[k]);
                const int at = text.indexOf(entry);
                QVERIFY2(at >= 0, qPrintable(entry + QStringLiteral(" not in ") + text));
                QVERIFY(block.layout()->lineForTextPosition(at).isValid());
                const int first = block.layout()->lineForTextPosition(at).lineNumber();
                const int last = block.layout()->lineForTextPosition(at + int(entry.size()) - 1).lineNumber();
                if (first != last) bad << QStringLiteral("'%1' split over lines at %2 px").arg(entry).arg(width);
            }
        }
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }

    // A five-digit id with its similarity used to be one caption wider than the tile.
    void similarCaptionsFitTheirTiles() {
        widgets::SimilarStrip strip;
        strip.setItems({{24932, 0.934f}, {7, 1.0f}, {1234567, 0.5f}}, {});
        for (int i = 0; i < 3; ++i) {
            const QStringList lines = strip.captionLines(i);
            QCOMPARE(lines.size(), 2);
            for (const QString& l : lines)
                QVERIFY2(strip.fontMetrics().horizontalAdvance(l) <= widgets::SimilarStrip::tileWidth(), qPrintable(l));
        }
        QCOMPARE(strip.captionLines(0).value(0), QStringLiteral("#24932"));
        QCOMPARE(strip.captionLines(0).value(1), QStringLiteral("0.93"));
        QVERIFY(strip.sizeHint().height() >= widgets::SimilarStrip::tileWidth() + 2 * strip.fontMetrics().height());
    }
};

QTEST_MAIN(TestReviewLayout)
#include "tst_review_layout.moc"
