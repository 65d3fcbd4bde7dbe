// The one RP-path normalisation and the one path-safety rule, as data rows: what a user types
// ("/data/alice/", "data//alice", "./data") means one path; what could leave a restore folder is refused.
#include "repository/SafePath.h"

#include <QTest>

using namespace ncb;

class TestSafePath : public QObject
{
    Q_OBJECT
private slots:
    void normalise_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<bool>("safe"); // checkedRpPath accepts it
        QTest::newRow("leading and trailing slash") << "/data/alice/" << QByteArray("data/alice") << true;
        QTest::newRow("doubled slash") << "data//alice" << QByteArray("data/alice") << true;
        QTest::newRow("dot component") << "./data" << QByteArray("data") << true;
        QTest::newRow("dot inside") << "data/./alice/." << QByteArray("data/alice") << true;
        QTest::newRow("empty: the whole RP") << "" << QByteArray() << true;
        QTest::newRow("root: the whole RP") << "/" << QByteArray() << true;
        QTest::newRow("dot alone") << "." << QByteArray() << true;
        QTest::newRow("dot-dot") << ".." << QByteArray("..") << false;
        QTest::newRow("dot-dot inside") << "data/../etc" << QByteArray("data/../etc") << false;
        QTest::newRow("dot-dot at the end") << "/data/alice/../" << QByteArray("data/alice/..") << false;
        QTest::newRow("three dots is a name") << "data/..." << QByteArray("data/...") << true;
        QTest::newRow("spaces kept") << "data/alice/files/My Documents" << QByteArray("data/alice/files/My Documents") << true;
        QTest::newRow("utf-8") << QString::fromUtf8("data/j\xc3\xbcrgen/") << QByteArray("data/j\xc3\xbcrgen") << true;
        QTest::newRow("NUL") << QString::fromLatin1("data/a\0b", 8) << QByteArray("data/a\0b", 8) << false;
    }
    void normalise()
    {
        QFETCH(QString, typed);
        QFETCH(QByteArray, path);
        QFETCH(bool, safe);
        QCOMPARE(repo::normaliseRpPath(typed), path);
        auto checked = repo::checkedRpPath(typed);
        QCOMPARE(checked.ok(), safe);
        if (safe)
            QCOMPARE(*checked, path);
        else
            QCOMPARE(checked.error().code, Error::Unsafe);
    }

    // The safety rule itself, on paths that did not pass through the normaliser (trees, tar members).
    void rule_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QString>("reason");
        QTest::newRow("plain") << QByteArray("data/alice") << QString();
        QTest::newRow("absolute") << QByteArray("/etc/passwd") << QStringLiteral("it is absolute");
        QTest::newRow("doubled slash") << QByteArray("a//b") << QStringLiteral("it has an empty component");
        QTest::newRow("dot") << QByteArray(".") << QStringLiteral("it has a '.' component");
        QTest::newRow("dot-dot") << QByteArray("a/../b") << QStringLiteral("it has a '..' component");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("it is empty");
        QTest::newRow("NUL") << QByteArray("a\0b", 3) << QStringLiteral("it contains a NUL byte");
    }
    void rule()
    {
        QFETCH(QByteArray, path);
        QFETCH(QString, reason);
        QCOMPARE(repo::unsafePathReason(path), reason);
        QCOMPARE(repo::checkSafeRelativePath(path).ok(), reason.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSafePath)
#include "tst_safepath.moc"
