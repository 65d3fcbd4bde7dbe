#pragma once
// WelcomePage: what the main window shows while no instance exists: one sentence about the app and
// a big "Add a Nextcloud instance" button (like Déjà Dup's welcome page).

#include <QWidget>

class QLabel;
class QPushButton;

namespace ncb::ui {

class WelcomePage : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget* parent = nullptr);
    QPushButton* addButton() const { return m_add; }

signals:
    void addInstanceRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    QLabel* m_title;
    QLabel* m_text;
    QPushButton* m_add;
};

} // namespace ncb::ui
