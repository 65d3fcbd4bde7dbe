#include "MainWindow.h"

#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>

namespace ncb::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("ncbackup"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/ncbackup.svg")));
    auto* split = new QSplitter(this);
    auto* instances = new QListWidget(split);
    instances->setObjectName(QStringLiteral("instanceList"));
    auto* placeholder = new QLabel(tr("Add a Nextcloud instance to start backing it up."), split);
    placeholder->setAlignment(Qt::AlignCenter);
    split->setStretchFactor(1, 1);
    setCentralWidget(split);
    statusBar()->showMessage(tr("Ready"));
    resize(1100, 700);
}

} // namespace ncb::ui
