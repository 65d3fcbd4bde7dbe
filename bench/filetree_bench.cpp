// ncb-bench-filetree: times the desktop app's file tree (RpFileTreeView over RpFileModel over the
// repository's catalog, exactly as the app wires them) on a real Restoring Point. Driven by
// bench/filetree.sh, which makes the repository; run offscreen (QT_QPA_PLATFORM=offscreen).
//
//   ncb-bench-filetree --repo PATH --password-file FILE --folder NAME [--runs N]
//
// Measures, per run with a fresh browser and model (as when the user picks another RP):
//   first level: from setSource() until the top folder's rows are in the view and painted;
//   open folder: from expand() of top-level folder NAME until its first rows are painted;
//   scrolling (first run only): how many rows of NAME the view holds after scrolling down
//   (scrollToBottom, as a user would) until all are there, or two minutes.
// Prints a markdown table with the median and the worst of the runs against the targets of issue 5.
#include "RepoCatalogBrowser.h"
#include "RpFileModel.h"
#include "RpFileTreeView.h"
#include "repository/Catalog.h"
#include "repository/Repository.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QScrollBar>
#include <QTextStream>
#include <QTreeView>

#include <algorithm>
#include <cstdio>

using namespace ncb;
using ncb::ui::RpFileModel;
using ncb::ui::RpFileTreeView;

namespace {

QTextStream& out()
{
    static QTextStream s(stdout);
    return s;
}

[[noreturn]] void die(const QString& message)
{
    std::fprintf(stderr, "ncb-bench-filetree: %s\n", qPrintable(message));
    std::exit(2);
}

// Runs the event loop until `done` holds; false after `timeoutMs`.
template <typename F>
bool waitFor(F done, int timeoutMs = 60000)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 5);
    }
    return true;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

QString ms(double v)
{
    return QStringLiteral("%1 ms").arg(v, 0, 'f', 1);
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({QStringLiteral("repo"), QStringLiteral("Repository."), QStringLiteral("PATH")});
    p.addOption({QStringLiteral("password-file"), QStringLiteral("Its password."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("folder"), QStringLiteral("Top-level folder to open."), QStringLiteral("NAME")});
    p.addOption({QStringLiteral("runs"), QStringLiteral("Runs (default 5)."), QStringLiteral("N"), QStringLiteral("5")});
    p.process(app);
    if (!p.isSet(QStringLiteral("repo")) || !p.isSet(QStringLiteral("password-file")) ||
        !p.isSet(QStringLiteral("folder")))
        die(QStringLiteral("usage: ncb-bench-filetree --repo PATH --password-file FILE --folder NAME [--runs N]"));
    const int runs = std::max(1, p.value(QStringLiteral("runs")).toInt());
    const QString folderName = p.value(QStringLiteral("folder"));

    QFile pwFile(p.value(QStringLiteral("password-file")));
    if (!pwFile.open(QIODevice::ReadOnly))
        die(QStringLiteral("cannot read the password file"));
    const QByteArray password = pwFile.readAll().trimmed();

    auto repo = repo::Repository::open(p.value(QStringLiteral("repo")));
    if (!repo)
        die(repo.error().message);
    if (Status s = (*repo)->unlockWithPassword(password); !s)
        die(s.error().message);

    // The app syncs the catalog on the job runner once after each backup; not part of the paint.
    QElapsedTimer t;
    t.start();
    auto catalog = repo::Catalog::open((*repo)->id());
    if (!catalog)
        die(catalog.error().message);
    if (Status s = (*catalog)->sync(**repo); !s)
        die(s.error().message);
    const double syncSeconds = t.elapsed() / 1000.0;
    const QStringList ids = (*catalog)->snapshotIds();
    if (ids.isEmpty())
        die(QStringLiteral("the repository has no snapshot"));
    const QString snapshot = ids.last();
    (*catalog).reset(); // the browser opens its own connections, as in the app

    // Where the time of opening the folder goes, outside the view: the catalog query (on the pool
    // thread in the app) and the sort the model does there.
    double listMs = 0, sortMs = 0;
    {
        ui::RepoCatalogBrowser browser((*repo)->id(), QHash<QString, bool>{{snapshot, true}});
        QElapsedTimer c;
        c.start();
        auto entries = browser.list(snapshot, QLatin1Char('/') + folderName);
        listMs = c.nsecsElapsed() / 1e6;
        if (!entries)
            die(entries.error().message);
        c.restart();
        std::sort(entries->begin(), entries->end(), [](const repo::BrowseEntry& a, const repo::BrowseEntry& b) {
            if (a.isDir != b.isDir)
                return a.isDir;
            const int cmp = a.name.compare(b.name, Qt::CaseInsensitive);
            return cmp != 0 ? cmp < 0 : a.name < b.name;
        });
        sortMs = c.nsecsElapsed() / 1e6;
    }

    RpFileTreeView view;
    view.resize(1100, 700);
    view.show();
    QTreeView* tree = view.treeView();
    RpFileModel* model = view.model();
    int paints = 0;
    struct PaintCounter : QObject
    {
        int* n;
        explicit PaintCounter(int* c) : n(c) {}
        bool eventFilter(QObject*, QEvent* e) override
        {
            if (e->type() == QEvent::Paint)
                ++*n;
            return false;
        }
    } counter(&paints);
    tree->viewport()->installEventFilter(&counter);
    waitFor([] { return false; }, 200); // let the window settle

    QList<double> firstLevel, openFolder;
    double scrollMs = 0;
    int topRows = 0, folderRows = 0, scrolledRows = 0;
    for (int run = 0; run < runs; ++run) {
        auto browser = std::make_shared<ui::RepoCatalogBrowser>((*repo)->id(), QHash<QString, bool>{{snapshot, true}});
        QElapsedTimer clock;
        clock.start();
        view.setSource(browser, snapshot, QStringLiteral("bench"));
        if (!waitFor([&] { return model->rowCount() > 0; }))
            die(QStringLiteral("the first level did not load within 60 s"));
        const int before = paints;
        tree->viewport()->repaint();
        if (paints == before)
            die(QStringLiteral("the view did not paint"));
        firstLevel << clock.nsecsElapsed() / 1e6;
        topRows = model->availableCount({});

        QModelIndex folder;
        for (int r = 0; r < model->rowCount() && !folder.isValid(); ++r)
            if (model->index(r, 0).data().toString() == folderName)
                folder = model->index(r, 0);
        if (!folder.isValid())
            die(QStringLiteral("no folder %1 at the top of the snapshot").arg(folderName));
        clock.restart();
        tree->expand(folder);
        if (!waitFor([&] { return model->rowCount(folder) > 0; }))
            die(QStringLiteral("%1 did not open within 60 s").arg(folderName));
        tree->scrollTo(model->index(0, 0, folder), QAbstractItemView::PositionAtTop);
        tree->viewport()->repaint();
        openFolder << clock.nsecsElapsed() / 1e6;
        folderRows = model->availableCount(folder);

        if (run == 0) { // once: scrolling through the whole folder, as far as it gets in two minutes
            clock.restart();
            waitFor(
                [&] {
                    // Down through the folder, as a user scrolls: its last row so far at the bottom.
                    tree->scrollTo(model->index(model->rowCount(folder) - 1, 0, folder),
                                   QAbstractItemView::PositionAtBottom);
                    tree->viewport()->repaint();
                    if (qEnvironmentVariableIsSet("NCB_BENCH_DEBUG"))
                        std::fprintf(stderr, "%.1f s: rows %d of %d\n", clock.elapsed() / 1000.0,
                                     model->rowCount(folder), model->availableCount(folder));
                    return model->rowCount(folder) >= model->availableCount(folder);
                },
                120000);
            scrollMs = clock.nsecsElapsed() / 1e6;
            scrolledRows = model->rowCount(folder);
        }
        tree->collapse(folder);
    }

    auto verdict = [](double v, double target) { return v <= target ? QStringLiteral("yes") : QStringLiteral("NO"); };
    const double fl = median(firstLevel), flMax = *std::max_element(firstLevel.begin(), firstLevel.end());
    const double of = median(openFolder), ofMax = *std::max_element(openFolder.begin(), openFolder.end());
    out() << "Snapshot " << snapshot.left(12) << ": " << topRows << " entries at the top, " << folderRows << " in "
          << folderName << "; catalog sync (once, after the backup) " << QString::number(syncSeconds, 'f', 1)
          << " s; " << runs << " runs, each with a fresh model.\n\n";
    out() << "| Measure | median | worst | target | met (worst) |\n|---|---|---|---|---|\n";
    out() << "| first level of the RP painted | " << ms(fl) << " | " << ms(flMax) << " | ≤ 200 ms | "
          << verdict(flMax, 200) << " |\n";
    out() << "| folder of " << folderRows << " entries opened and painted | " << ms(of) << " | " << ms(ofMax)
          << " | ≤ 1000 ms | " << verdict(ofMax, 1000) << " |\n";
    out() << "| scrolled down through it (first run): rows in the view | " << scrolledRows << " of " << folderRows
          << " in " << QString::number(scrollMs / 1000, 'f', 1) << " s | | | |\n";
    out() << "\nOf opening the folder, outside the view: catalog query " << ms(listMs) << ", sort " << ms(sortMs)
          << " (both on a pool thread in the app).\n";
    out() << "\nruns (ms): first level " ;
    for (double v : firstLevel)
        out() << QString::number(v, 'f', 1) << ' ';
    out() << "; open folder ";
    for (double v : openFolder)
        out() << QString::number(v, 'f', 1) << ' ';
    out() << "\n";
    out().flush();
    return (flMax <= 200 && ofMax <= 1000) ? 0 : 1;
}
