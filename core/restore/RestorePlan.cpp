#include "RestorePlan.h"

#include "repository/Chunker.h"

#include <QJsonArray>
#include <QSet>

#include <memory>

namespace ncb::restore {

namespace {

QByteArray parentOf(const QByteArray& p)
{
    const int i = p.lastIndexOf('/');
    return i < 0 ? QByteArray() : p.left(i);
}

bool under(const QByteArray& path, const QByteArray& prefix)
{
    return path == prefix || (path.startsWith(prefix) && path.size() > prefix.size() && path[prefix.size()] == '/');
}

QString shown(const QByteArray& p)
{
    return QString::fromUtf8(p);
}

constexpr int kKeepBothCandidates = 20;

} // namespace

QJsonObject FileRestoreReport::historyFields() const
{
    return QJsonObject{{QStringLiteral("restored"), files + symlinks},
                       {QStringLiteral("bytes"), bytes},
                       {QStringLiteral("upToDate"), upToDate.size()},
                       {QStringLiteral("keptBoth"), keptBoth.size()},
                       {QStringLiteral("skipped"), skipped.size()},
                       {QStringLiteral("leftOut"), QJsonArray::fromStringList(leftOut)}};
}

QByteArray keepBothName(const QByteArray& name, const QDate& date, int n)
{
    const QByteArray tag = " (restored " + date.toString(Qt::ISODate).toLatin1() + (n > 1 ? " " + QByteArray::number(n) : QByteArray()) + ")";
    const int dot = name.lastIndexOf('.');
    if (dot <= 0)
        return name + tag;
    return name.left(dot) + tag + name.mid(dot);
}

namespace {

// Whether a stream of bytes is exactly an entry's content: cut with the repository's chunker as it
// arrives, each chunk's keyed id compared with the entry's; after the first difference it only counts.
class ChunkMatcher
{
public:
    ChunkMatcher(repo::Repository& repo, const repo::TreeEntry& e)
        : m_repo(repo), m_e(e), m_chunker(repo.config().chunker, repo.gearTable())
    {
    }
    void feed(const char* d, qint64 n)
    {
        m_total += n;
        if (m_total > m_e.size)
            m_differs = true;
        while (!m_differs && n > 0) {
            const std::size_t cut = m_chunker.findCut(d, std::size_t(n));
            const std::size_t take = cut == repo::Chunker::npos ? std::size_t(n) : cut;
            m_cur.insert(m_cur.end(), d, d + take);
            d += take;
            n -= qint64(take);
            if (cut != repo::Chunker::npos)
                closeChunk();
        }
    }
    bool differs() const { return m_differs; }
    // At the end of the stream: the same content?
    bool same()
    {
        if (!m_differs && !m_cur.empty())
            closeChunk();
        return !m_differs && m_k == m_e.chunks.size() && m_total == m_e.size;
    }

private:
    void closeChunk()
    {
        if (m_k >= m_e.chunks.size() || m_e.chunks[m_k].size != m_cur.size() ||
            m_repo.blobId(m_cur.data(), m_cur.size()) != m_e.chunks[m_k].id)
            m_differs = true;
        ++m_k;
        m_cur.clear();
    }
    repo::Repository& m_repo;
    const repo::TreeEntry& m_e;
    repo::Chunker m_chunker;
    std::vector<char> m_cur;
    std::size_t m_k = 0;
    qint64 m_total = 0;
    bool m_differs = false;
};

} // namespace

Status RestoreTarget::readEach(const QByteArray& base, const QList<QByteArray>& rels,
                               const std::function<void(qsizetype, const char*, qint64)>& data,
                               const std::function<void(qsizetype, bool)>& end)
{
    for (qsizetype i = 0; i < rels.size(); ++i) {
        const Status s = read(base, rels[i], [&](const char* d, qint64 n) -> Status {
            data(i, d, n);
            return {};
        });
        end(i, s.ok());
    }
    return {};
}

Result<RestorePlan> planRestore(RpContent& rp, RestoreTarget& target, const Placement& pl, const FileRestoreOptions& o,
                                FileRestoreReport* rep)
{
    RestorePlan plan;
    const QDate today = o.today.isValid() ? o.today : QDate::currentDate();
    auto entries = rp.safeEntriesUnder(o.paths, &plan.leftOut);
    if (!entries)
        return entries.error();

    // Where each entry goes.
    QSet<QByteArray> places;
    for (repo::TreeEntry& e : entries.value()) {
        PlanItem it;
        if (pl.folder.isEmpty()) {
            if (e.path == "data" || e.path == "root")
                continue; // the top folders themselves keep their host attributes
            if (e.path.startsWith("data/"))
                it.base = pl.dataDir;
            else if (e.path.startsWith("root/"))
                it.base = pl.rootDir;
            else
                continue; // db/ goes back with `restore db`
            it.rel = e.path.mid(5);
        } else {
            it.base = pl.folder;
            if (o.paths.isEmpty()) {
                it.rel = e.path; // the whole RP keeps its tops
            } else {
                QByteArray req; // the requested path this entry belongs to (the longest match)
                for (const QByteArray& p : o.paths)
                    if (under(e.path, p) && p.size() > req.size())
                        req = p;
                const QByteArray parent = parentOf(req);
                it.rel = parent.isEmpty() ? e.path : e.path.mid(parent.size() + 1);
            }
        }
        if (places.contains(it.full()))
            return Error::make(Error::Usage, QStringLiteral("Two of the paths to restore would both go to %1; restore them one at a time.")
                                                 .arg(shown(it.full())));
        places.insert(it.full());
        it.entry = std::move(e);
        plan.items.push_back(std::move(it));
    }

    // What the target holds now: every path and every folder above it, one probe per folder.
    QList<QByteArray> bases;
    QHash<QByteArray, QHash<QByteArray, Existing>> now;
    for (const PlanItem& it : plan.items)
        if (!bases.contains(it.base))
            bases << it.base;
    for (const QByteArray& base : bases) {
        QSet<QByteArray> want, dirs;
        for (const PlanItem& it : plan.items) {
            if (it.base != base)
                continue;
            want.insert(it.rel);
            if (it.entry.type == repo::TreeEntry::Dir)
                dirs.insert(it.rel);
            for (QByteArray p = parentOf(it.rel); !p.isEmpty() && !dirs.contains(p); p = parentOf(p)) {
                dirs.insert(p);
                want.insert(p);
            }
        }
        auto found = target.probe(base, QList<QByteArray>(want.begin(), want.end()));
        if (!found)
            return found.error();
        // Writing through a symlink that stands where the RP has a folder could land anywhere.
        QList<QByteArray> links;
        for (const QByteArray& d : dirs)
            if (found->value(d).kind == Existing::Symlink)
                links << d;
        if (!links.isEmpty()) {
            std::sort(links.begin(), links.end());
            return Error::make(Error::Unsafe, QStringLiteral("%1 on %2 is a symbolic link where the Restoring Point has a folder; "
                                                             "restoring through it could write outside %3. Nothing was restored.")
                                                  .arg(shown(base + '/' + links.first()), target.where(), shown(base)));
        }
        now.insert(base, found.value());
    }

    // Files with the RP's size but another mtime: the same content? Each read once, one batch per folder.
    QSet<qsizetype> sameAsRp;
    for (const QByteArray& base : bases) {
        QList<qsizetype> idx;
        QList<QByteArray> rels;
        for (qsizetype i = 0; i < qsizetype(plan.items.size()); ++i) {
            const PlanItem& it = plan.items[i];
            const Existing ex = now.value(base).value(it.rel);
            if (it.base == base && it.entry.type == repo::TreeEntry::File && ex.kind == Existing::File &&
                ex.size == it.entry.size && ex.mtimeNs != it.entry.mtimeNs) {
                idx << i;
                rels << it.rel;
            }
        }
        if (rels.isEmpty())
            continue;
        std::vector<std::unique_ptr<ChunkMatcher>> matchers;
        for (qsizetype i : idx)
            matchers.push_back(std::make_unique<ChunkMatcher>(rp.repository(), plan.items[i].entry));
        NCB_TRY(target.readEach(
            base, rels, [&](qsizetype j, const char* d, qint64 n) { matchers[j]->feed(d, n); },
            [&](qsizetype j, bool read) {
                if (read && matchers[j]->same())
                    sameAsRp.insert(idx[j]);
            }));
    }

    // What to do with each entry, in tree order (a folder before what it holds).
    QList<QByteArray> blocked;                 // folders left alone because a file stands there: skipped with all below
    QList<qsizetype> renamedDirs;              // folders restored as a copy (keep both): all below goes into the copy
    QHash<qsizetype, qsizetype> inRenamed;     // item -> the renamed folder it lies in
    QList<qsizetype> keepBoth;                 // items whose copy still needs a free name
    for (qsizetype i = 0; i < qsizetype(plan.items.size()); ++i) {
        PlanItem& it = plan.items[i];
        const QByteArray full = it.full();
        bool below = false;
        for (const QByteArray& b : blocked)
            below = below || under(full, b);
        if (below) {
            it.action = PlanItem::Nothing;
            continue;
        }
        qsizetype owner = -1;
        for (qsizetype d : renamedDirs)
            if (under(full, plan.items[d].full()))
                owner = d;
        if (owner >= 0) {
            it.action = PlanItem::Write; // below a new folder: nothing is there
            inRenamed.insert(i, owner);
            continue;
        }
        const Existing ex = now.value(it.base).value(it.rel);
        const repo::TreeEntry& e = it.entry;
        bool conflict = false;
        if (ex.kind == Existing::Missing) {
            it.action = PlanItem::Write;
        } else if (e.type == repo::TreeEntry::Dir) {
            if (ex.kind == Existing::Dir)
                it.action = PlanItem::Nothing; // merged; written below if something in it is
            else
                conflict = true;
        } else if (e.type == repo::TreeEntry::Symlink) {
            if (ex.kind == Existing::Symlink && ex.linkTarget == e.linkTarget)
                it.action = PlanItem::UpToDate;
            else
                conflict = true;
        } else if (ex.kind == Existing::File && ex.size == e.size &&
                   (ex.mtimeNs == e.mtimeNs || sameAsRp.contains(i))) {
            it.action = PlanItem::UpToDate;
        } else {
            conflict = true;
        }
        if (!conflict)
            continue;
        Conflict c = o.conflict;
        if (c == Conflict::Ask) {
            if (o.dryRun) {
                it.action = PlanItem::Ask;
                if (e.type == repo::TreeEntry::Dir)
                    blocked << full;
                continue;
            }
            if (!o.ask)
                return Error::make(Error::Usage, QStringLiteral("%1 already exists and differs from the Restoring Point's version; "
                                                                "nothing was restored. Choose --overwrite, --skip-existing or --keep-both.")
                                                     .arg(shown(full)));
            c = o.ask(shown(full));
            if (c == Conflict::Ask)
                return Error::make(Error::Cancelled, QStringLiteral("The restore was stopped at %1: nothing was restored.").arg(shown(full)));
        }
        // A folder where the RP has a file is never emptied to make room: the file goes next to it.
        if (c == Conflict::Overwrite && e.type != repo::TreeEntry::Dir && ex.kind == Existing::Dir)
            c = Conflict::KeepBoth;
        switch (c) {
        case Conflict::Overwrite:
            it.action = PlanItem::Replace;
            break;
        case Conflict::Skip:
        case Conflict::Ask:
            it.action = PlanItem::Skip;
            if (e.type == repo::TreeEntry::Dir)
                blocked << full;
            break;
        case Conflict::KeepBoth:
            it.action = PlanItem::KeepBoth;
            keepBoth << i;
            if (e.type == repo::TreeEntry::Dir)
                renamedDirs << i;
            break;
        }
    }

    // A free name for each copy: "name (restored DATE).ext", then "... DATE 2)" and so on. A copy with the
    // RP's size and mtime there already is the RP's version: nothing more to write.
    QHash<QByteArray, QList<qsizetype>> copiesByBase;
    for (qsizetype i : keepBoth)
        copiesByBase[plan.items[i].base] << i;
    for (auto b = copiesByBase.begin(); b != copiesByBase.end(); ++b) {
        QList<QByteArray> names;
        for (qsizetype i : b.value()) {
            const PlanItem& it = plan.items[i];
            const QByteArray parent = parentOf(it.rel);
            const QByteArray name = it.rel.mid(parent.isEmpty() ? 0 : parent.size() + 1);
            for (int n = 1; n <= kKeepBothCandidates; ++n)
                names << (parent.isEmpty() ? QByteArray() : parent + '/') + keepBothName(name, today, n);
        }
        auto found = target.probe(b.key(), names);
        if (!found)
            return found.error();
        for (qsizetype j = 0; j < b.value().size(); ++j) {
            PlanItem& it = plan.items[b.value()[j]];
            it.action = PlanItem::Skip;
            for (int n = 0; n < kKeepBothCandidates; ++n) {
                const QByteArray cand = names[j * kKeepBothCandidates + n];
                const Existing ex = found->value(cand);
                if (ex.kind == Existing::Missing) {
                    it.rel = cand;
                    it.action = PlanItem::KeepBoth;
                    break;
                }
                if (it.entry.type == repo::TreeEntry::File && ex.kind == Existing::File && ex.size == it.entry.size &&
                    ex.mtimeNs == it.entry.mtimeNs) {
                    it.rel = cand;
                    it.action = PlanItem::UpToDate;
                    break;
                }
            }
        }
    }
    // What lies in a folder restored as a copy goes into that copy (or nowhere, when no copy is made).
    for (auto r = inRenamed.begin(); r != inRenamed.end(); ++r) {
        PlanItem& it = plan.items[r.key()];
        const PlanItem& dir = plan.items[r.value()];
        if (dir.action != PlanItem::KeepBoth) {
            it.action = PlanItem::Nothing;
            continue;
        }
        // The folder's rel before renaming: its parent plus its name, as the entry path ends.
        const QByteArray parent = parentOf(dir.rel);
        const qsizetype slash = dir.entry.path.lastIndexOf('/');
        const QByteArray oldName = slash < 0 ? dir.entry.path : dir.entry.path.mid(slash + 1);
        const QByteArray oldDirRel = (parent.isEmpty() ? QByteArray() : parent + '/') + oldName;
        it.rel = dir.rel + it.rel.mid(oldDirRel.size());
    }

    // A folder that holds something written is written too (its mode and mtime become the RP's again).
    QHash<QByteArray, QSet<QByteArray>> holdsWrites;
    for (const PlanItem& it : plan.items)
        if (it.writes())
            for (QByteArray p = parentOf(it.rel); !p.isEmpty(); p = parentOf(p))
                holdsWrites[it.base].insert(p);
    for (PlanItem& it : plan.items)
        if (it.action == PlanItem::Nothing && it.entry.type == repo::TreeEntry::Dir && holdsWrites.value(it.base).contains(it.rel))
            it.action = PlanItem::Write;

    if (rep) {
        rep->dryRun = o.dryRun;
        rep->leftOut = plan.leftOut;
        for (const PlanItem& it : plan.items) {
            const QString full = shown(it.full());
            const bool dir = it.entry.type == repo::TreeEntry::Dir;
            if (it.writes()) {
                if (dir)
                    ++rep->dirs;
                else if (it.entry.type == repo::TreeEntry::Symlink)
                    ++rep->symlinks;
                else {
                    ++rep->files;
                    rep->bytes += it.entry.size;
                }
            }
            if (dir && it.action == PlanItem::Write)
                continue; // folders are listed only when something happens to them
            switch (it.action) {
            case PlanItem::Write: rep->restored << full; break;
            case PlanItem::Replace: rep->restored << full; rep->replaced << full; break;
            case PlanItem::KeepBoth: rep->keptBoth << full; break;
            case PlanItem::UpToDate: rep->upToDate << full; break;
            case PlanItem::Skip: rep->skipped << full; break;
            case PlanItem::Ask: rep->toAsk << full; break;
            case PlanItem::Nothing: break;
            }
        }
    }
    return plan;
}

} // namespace ncb::restore
