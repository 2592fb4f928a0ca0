#include "widgets/review/class_palette.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

namespace winnow::widgets {

ClassPalette::ClassPalette(QWidget* parent) : QWidget(parent) {
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    m_legend = new QLabel(this);
    m_legend->setWordWrap(true);
    m_search = new QLineEdit(this);
    // Short enough not to be cut in a narrow column (and in Korean); the tooltip says the rest.
    m_search->setPlaceholderText(tr("Find a class (/)"));
    m_search->setToolTip(tr("Type part of a class name or its number; Enter relabels as the first match, "
                            "Escape goes back to the queue."));
    m_search->setClearButtonEnabled(true);
    m_list = new QListWidget(this);
    m_list->setMaximumHeight(120);
    m_list->setFocusPolicy(Qt::NoFocus);
    lay->addWidget(m_legend);
    lay->addWidget(m_search);
    lay->addWidget(m_list);
    m_search->installEventFilter(this);
    connect(m_search, &QLineEdit::textChanged, this, &ClassPalette::refreshMatches);
    connect(m_list, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        Q_EMIT classChosen(item->data(Qt::UserRole).toInt());
    });
}

void ClassPalette::setClasses(const QStringList& names) {
    m_names = names;
    QStringList parts;
    if (usesNumberKeys())
        for (int i = 0; i < names.size(); ++i)
            // An entry wraps as a whole: "0 Ankle" at a line's end and "boot" on the next
            // read as two classes (issue 16).
            parts << QStringLiteral("<span style='white-space:nowrap'>%1</span>")
                         .arg(tr("<b>%1</b> %2").arg((i + 1) % 10).arg(names[i].toHtmlEscaped())
                                  .replace(QLatin1Char(' '), QStringLiteral("&nbsp;")));
    m_legend->setText(parts.join(QStringLiteral(" &nbsp; ")));
    m_legend->setVisible(usesNumberKeys());
    refreshMatches();
    m_list->setVisible(!usesNumberKeys());
}

int ClassPalette::classForKey(int key) const {
    if (!usesNumberKeys() || key < Qt::Key_0 || key > Qt::Key_9) return -1;
    const int idx = key == Qt::Key_0 ? 9 : key - Qt::Key_1;
    return idx < m_names.size() ? idx : -1;
}

void ClassPalette::startSearch(const QString& text) {
    m_search->setText(text);
    m_search->setFocus(Qt::ShortcutFocusReason);
}

QList<int> ClassPalette::matches(const QString& text) const {
    QList<int> out;
    const QString t = text.trimmed();
    for (int i = 0; i < m_names.size(); ++i)
        if (t.isEmpty() || m_names[i].contains(t, Qt::CaseInsensitive)) out << i;
    // An exact name or a typed class number wins.
    bool isNum = false;
    const int num = t.toInt(&isNum);
    if (isNum && num >= 1 && num <= m_names.size()) out.prepend(num - 1);
    for (int i = 0; i < m_names.size(); ++i)
        if (m_names[i].compare(t, Qt::CaseInsensitive) == 0) out.prepend(i);
    return out;
}

void ClassPalette::refreshMatches() {
    m_list->clear();
    // With number keys the list only matters while searching; it would take room from the image.
    m_list->setVisible(!usesNumberKeys() || !m_search->text().isEmpty());
    const QList<int> found = matches(m_search->text());
    QList<int> seen;
    for (int idx : found) {
        if (seen.contains(idx)) continue;
        seen << idx;
        auto* item = new QListWidgetItem(tr("%1  %2").arg(idx + 1).arg(m_names[idx]), m_list);
        item->setData(Qt::UserRole, idx);
        if (seen.size() >= 50) break;
    }
}

bool ClassPalette::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        auto* ke = static_cast<QKeyEvent*>(event);
        if (ke->key() == Qt::Key_Return || ke->key() == Qt::Key_Enter) {
            const QList<int> found = matches(m_search->text());
            if (!m_search->text().trimmed().isEmpty() && !found.isEmpty()) {
                m_search->clear();
                Q_EMIT searchFinished();
                Q_EMIT classChosen(found.first());
            }
            return true;
        }
        if (ke->key() == Qt::Key_Escape) {
            m_search->clear();
            Q_EMIT searchFinished();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace winnow::widgets
