// Shared by the tests that drive the whole GUI (app/gui compiled in): opening a project in
// the main window, finding a top-level window, and answering the modal dialogs a menu action
// opens (ModalAnswers), the way a user would: fields filled, the OK button clicked.
#pragma once
#include <QAbstractButton>
#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTimer>
#include <QtTest>
#include <deque>
#include <filesystem>
#include <functional>

#include "app/gui/mainwindow.h"

namespace gui_fixture {

// Opens `file` in the main window and waits until the grid shows it.
inline bool openProject(winnow::gui::MainWindow& mw, const std::filesystem::path& file) {
    bool shown = false;
    mw.openProject(QString::fromStdString(file.string()), [&shown] { shown = true; });
    return QTest::qWaitFor([&] { return shown; }, 20000);
}

// The visible top-level window of type T (the newest when several), or null.
template <typename T>
T* topLevel() {
    T* found = nullptr;
    for (QWidget* w : QApplication::topLevelWidgets())
        if (auto* t = qobject_cast<T*>(w); t && t->isVisible()) found = t;
    return found;
}

// Clicks a dialog's button of this role (the dialog's own QDialogButtonBox).
inline bool clickButton(QWidget* dialog, QDialogButtonBox::StandardButton which) {
    if (auto* box = qobject_cast<QMessageBox*>(dialog)) {
        QAbstractButton* b = box->button(QMessageBox::StandardButton(int(which)));
        if (!b) return false;
        b->click();
        return true;
    }
    for (auto* buttons : dialog->findChildren<QDialogButtonBox*>())
        if (QAbstractButton* b = buttons->button(which); b && b->isEnabled()) {
            b->click();
            return true;
        }
    return false;
}

// Answers modal dialogs in the order they are expected. A handler gets the active modal
// widget and returns false when it is not the dialog it expects; that dialog is then
// recorded as unexpected and rejected, so a test never hangs in a dialog's exec(). A dialog
// a handler left open for 5 s is recorded and rejected too.
class ModalAnswers : public QObject {
public:
    using Handler = std::function<bool(QWidget*)>;
    ModalAnswers() {
        m_timer.setInterval(20);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] { poll(); });
        m_timer.start();
    }
    // `optional`: the dialog may not come (it is dropped by the next dropOptional()).
    void expect(const QString& what, Handler handler, bool optional = false) {
        m_queue.push_back({what, std::move(handler), optional});
    }
    void dropOptional() {
        while (!m_queue.empty() && m_queue.front().optional) m_queue.pop_front();
    }
    // The expected dialogs that did not come yet.
    QStringList pending() const {
        QStringList out;
        for (const auto& e : m_queue) out << e.what;
        return out;
    }
    QStringList problems() const { return m_problems; }
    bool allAnswered() const { return m_queue.empty() && m_problems.isEmpty(); }
    QString report() const {
        return QStringLiteral("pending: [%1] problems: [%2]").arg(pending().join(", "), m_problems.join(" | "));
    }

private:
    struct Entry {
        QString what;
        Handler handler;
        bool optional = false;
    };
    static QString describe(QWidget* w) {
        QString s = QString::fromLatin1(w->metaObject()->className()) + QStringLiteral(" '") + w->windowTitle() + '\'';
        if (auto* box = qobject_cast<QMessageBox*>(w)) s += QStringLiteral(": ") + box->text();
        return s;
    }
    static void close(QWidget* w) {
        if (auto* d = qobject_cast<QDialog*>(w)) d->reject();
        else w->close();
    }
    void poll() {
        QWidget* w = QApplication::activeModalWidget();
        if (!w || !w->isVisible()) return;
        if (w == m_last.data()) {
            if (m_since.elapsed() > 5000) {
                m_problems << QStringLiteral("left open: ") + describe(w);
                close(w);
            }
            return;
        }
        m_last = w;
        m_since.start();
        if (m_queue.empty()) {
            m_problems << QStringLiteral("unexpected: ") + describe(w);
            close(w);
            return;
        }
        Entry e = m_queue.front();
        if (e.handler(w)) {
            m_queue.pop_front();
            return;
        }
        if (e.optional) {  // not this one: try what follows it
            m_queue.pop_front();
            m_last = nullptr;
            poll();
            return;
        }
        m_problems << QStringLiteral("expected %1, got %2").arg(e.what, describe(w));
        close(w);
    }

    QTimer m_timer;
    std::deque<Entry> m_queue;
    QStringList m_problems;
    QPointer<QWidget> m_last;
    QElapsedTimer m_since;
};

}  // namespace gui_fixture
