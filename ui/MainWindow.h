#pragma once
// The main window: a sidebar of instances and, for the selected one, its views.

#include <QMainWindow>

namespace ncb::ui {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace ncb::ui
