#include "widgets/review/key_help_overlay.h"

#include <QApplication>
#include <QEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QRegularExpression>
#include <QScrollArea>
#include <QVBoxLayout>

namespace winnow::widgets {

KeyHelpOverlay::KeyHelpOverlay(QWidget* parent) : QFrame(parent) {
    setObjectName(QStringLiteral("keyHelpOverlay"));
    setAutoFillBackground(true);
    QPalette pal = palette();
    QColor bg = pal.color(QPalette::Window);
    bg.setAlpha(235);
    pal.setColor(QPalette::Window, bg);
    setPalette(pal);
    setFrameShape(QFrame::StyledPanel);
    setFocusPolicy(Qt::StrongFocus);
    m_text = new QLabel(this);
    m_text->setTextFormat(Qt::RichText);
    m_text->setWordWrap(true);
    m_text->setAlignment(Qt::AlignTop | Qt::AlignHCenter);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_text);
    scroll->setFocusPolicy(Qt::NoFocus);
    auto* lay = new QVBoxLayout(this);
    lay->addWidget(scroll);
    parent->installEventFilter(this);
    hide();
}

QString withoutMnemonic(const QString& actionText) {
    QString out = actionText;
    // Korean (and Japanese, Chinese) translations put the mnemonic after the text: "닫기(&C)".
    out.remove(QRegularExpression(QStringLiteral("\\s*\\(&[^&)]\\)")));
    out.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    out.replace(QStringLiteral("&&"), QStringLiteral("&"));
    return out;
}

void KeyHelpOverlay::setSections(const QList<std::pair<QString, QList<KeyHelpEntry>>>& sections) {
    // One table for all sections, so their key columns line up (issue 16).
    QString html = QStringLiteral("<h3>%1</h3><table cellspacing='2' cellpadding='3'>")
                       .arg(tr("Keyboard shortcuts").toHtmlEscaped());
    for (const auto& [title, entries] : sections) {
        if (entries.isEmpty()) continue;
        html += QStringLiteral("<tr><td colspan='2'><br><b>%1</b></td></tr>").arg(title.toHtmlEscaped());
        for (const auto& e : entries)
            html += QStringLiteral("<tr><td align='right'><tt><b>%1</b></tt></td><td>%2</td></tr>")
                        .arg(e.keys.toHtmlEscaped(), e.what.toHtmlEscaped());
    }
    html += QStringLiteral("</table>");
    html += QStringLiteral("<p><i>%1</i></p>").arg(tr("Press any key or click to close.").toHtmlEscaped());
    m_text->setText(html);
}

QString KeyHelpOverlay::text() const { return m_text->text(); }

void KeyHelpOverlay::popup() {
    if (!isVisible()) m_previousFocus = QApplication::focusWidget();
    setGeometry(parentWidget()->rect());
    show();
    raise();
    setFocus(Qt::PopupFocusReason);
}

bool KeyHelpOverlay::eventFilter(QObject* watched, QEvent* event) {
    if (watched == parentWidget() && event->type() == QEvent::Resize && isVisible())
        setGeometry(parentWidget()->rect());
    return QFrame::eventFilter(watched, event);
}

void KeyHelpOverlay::dismiss() {
    hide();
    if (m_previousFocus) m_previousFocus->setFocus();
}

void KeyHelpOverlay::keyPressEvent(QKeyEvent* e) {
    e->accept();
    dismiss();
}

void KeyHelpOverlay::mousePressEvent(QMouseEvent* e) {
    QFrame::mousePressEvent(e);
    dismiss();
}

}  // namespace winnow::widgets
