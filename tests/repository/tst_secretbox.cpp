// SecretBox: objects of 4 KiB or more are sealed and opened through OpenSSL's ChaCha20-Poly1305, smaller
// ones through libsodium. Both must give exactly the bytes of libsodium's XChaCha20-Poly1305-IETF, or a
// repository written by one path would not open with the other (every existing pack was sealed by
// libsodium): each size is sealed by one and opened by the other, both ways, and any flipped byte or
// wrong additional data is refused.
#include "crypto/SecretBox.h"

#include <QRandomGenerator>
#include <QTest>

#include <sodium.h>

using ncb::crypto::SecretBox;

class TestSecretBox : public QObject
{
    Q_OBJECT
    QByteArray m_key = QByteArray(32, Qt::Uninitialized);

    static QByteArray randomBytes(qsizetype n, quint32 seed)
    {
        QByteArray b(n, Qt::Uninitialized);
        QRandomGenerator g(seed);
        for (qsizetype i = 0; i < n; ++i)
            b[i] = char(g.generate() & 0xff);
        return b;
    }
    const std::uint8_t* key() const { return reinterpret_cast<const std::uint8_t*>(m_key.constData()); }

private slots:
    void initTestCase()
    {
        QVERIFY(sodium_init() >= 0);
        m_key = randomBytes(32, 7);
    }

    void bothPathsGiveTheSameBytes_data()
    {
        QTest::addColumn<int>("size");
        for (int s : {0, 1, 63, 64, 4095, 4096, 4097, 65536, 1048576 + 13, 4 * 1048576})
            QTest::newRow(QByteArray::number(s).constData()) << s;
    }
    void bothPathsGiveTheSameBytes()
    {
        QFETCH(int, size);
        const QByteArray plain = randomBytes(size, quint32(size) + 1);
        const QByteArray ad = "ncb1:blob-test";
        QByteArray a(size + int(SecretBox::Overhead), Qt::Uninitialized), b = a;
        SecretBox::sealInto(key(), plain.constData(), plain.size(), ad.constData(), ad.size(), a.data());
        SecretBox::sealIntoSodium(key(), plain.constData(), plain.size(), ad.constData(), ad.size(), b.data());
        QVERIFY(a.left(24) != b.left(24)); // fresh random nonces

        // The fast path's output is what libsodium makes with the same nonce.
        QByteArray same(a.size(), Qt::Uninitialized);
        unsigned long long clen = 0;
        crypto_aead_xchacha20poly1305_ietf_encrypt(reinterpret_cast<unsigned char*>(same.data()) + 24, &clen,
                                                   reinterpret_cast<const unsigned char*>(plain.constData()),
                                                   plain.size(), reinterpret_cast<const unsigned char*>(ad.constData()),
                                                   ad.size(), nullptr,
                                                   reinterpret_cast<const unsigned char*>(a.constData()), key());
        std::memcpy(same.data(), a.constData(), 24);
        QCOMPARE(same, a);

        // Each opens with the other.
        QByteArray out(size, Qt::Uninitialized);
        QVERIFY(SecretBox::openIntoSodium(key(), a.constData(), a.size(), ad.constData(), ad.size(), out.data()));
        QCOMPARE(out, plain);
        out.fill('\0');
        QVERIFY(SecretBox::openInto(key(), b.constData(), b.size(), ad.constData(), ad.size(), out.data()));
        QCOMPARE(out, plain);
    }

    void damageIsRefused_data()
    {
        QTest::addColumn<int>("size");
        QTest::newRow("small") << 100;
        QTest::newRow("large") << 300000;
    }
    void damageIsRefused()
    {
        QFETCH(int, size);
        const QByteArray plain = randomBytes(size, 99);
        const QByteArray ad = "ncb1:packheader";
        QByteArray sealed(size + int(SecretBox::Overhead), Qt::Uninitialized);
        SecretBox::sealInto(key(), plain.constData(), plain.size(), ad.constData(), ad.size(), sealed.data());
        QByteArray out(size, Qt::Uninitialized);
        // Wrong additional data: an object swapped for another.
        QVERIFY(!SecretBox::openInto(key(), sealed.constData(), sealed.size(), "ncb1:index", 10, out.data()));
        // A flipped bit in the nonce, the ciphertext and the tag.
        for (int at : {3, 24 + size / 2, int(sealed.size()) - 1}) {
            QByteArray bad = sealed;
            bad[at] = char(bad[at] ^ 0x10);
            QVERIFY2(!SecretBox::openInto(key(), bad.constData(), bad.size(), ad.constData(), ad.size(), out.data()),
                     qPrintable(QStringLiteral("byte %1").arg(at)));
        }
        // The wrong key.
        QByteArray otherKey = m_key;
        otherKey[0] = char(otherKey[0] ^ 1);
        QVERIFY(!SecretBox::openInto(reinterpret_cast<const std::uint8_t*>(otherKey.constData()), sealed.constData(),
                                     sealed.size(), ad.constData(), ad.size(), out.data()));
        QVERIFY(SecretBox::openInto(key(), sealed.constData(), sealed.size(), ad.constData(), ad.size(), out.data()));
        QCOMPARE(out, plain);
    }
};

QTEST_GUILESS_MAIN(TestSecretBox)
#include "tst_secretbox.moc"
