// The recovery key is what a user types back in when the password is lost, from paper. These tests
// hold its format stable (keys printed by an older version must still decode) and prove that typos
// are caught instead of producing a wrong key.

#include "crypto/RecoveryKey.h"

#include <QTest>

#include <sodium.h>

using namespace ncb;

class TestRecoveryKey : public QObject
{
    Q_OBJECT

private:
    static QByteArray randomKey()
    {
        QByteArray key(32, '\0');
        randombytes_buf(key.data(), 32);
        return key;
    }
    static const QString& invalidSentence()
    {
        static const QString s = QStringLiteral("This recovery key is not valid: check it for typos.");
        return s;
    }
    static void expectInvalid(const QString& text)
    {
        const auto r = crypto::decodeRecoveryKey(text);
        QVERIFY2(!r.ok(), qPrintable(QStringLiteral("accepted: ") + text));
        QCOMPARE(r.error().code, Error::Auth);
        QCOMPARE(r.error().message, invalidSentence());
    }

private slots:
    void initTestCase() { QVERIFY(sodium_init() >= 0); }

    void knownVectors()
    {
        // Computed independently (Python base64.b32encode + hashlib.blake2b(digest_size=32)).
        QCOMPARE(crypto::encodeRecoveryKey(QByteArray(32, '\0')),
                 QStringLiteral("AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AIT2-YNNI"));
        QByteArray counting(32, '\0');
        for (int i = 0; i < 32; ++i)
            counting[i] = static_cast<char>(i);
        const QString text = QStringLiteral("AAAQE-AYEAU-DAOCA-JBIFQ-YDIOB-4IBCE-QTCQK-RMFYY-DENBW-HA5DY-P4WL-2RMA");
        QCOMPARE(crypto::encodeRecoveryKey(counting), text);
        const auto back = crypto::decodeRecoveryKey(text);
        QVERIFY(back.ok());
        QCOMPARE(back.value(), counting);
    }

    void roundTrip()
    {
        for (int i = 0; i < 200; ++i) {
            const QByteArray key = randomKey();
            const QString text = crypto::encodeRecoveryKey(key);
            QCOMPARE(text.size(), 58 + 11);
            const QStringList groups = text.split(QLatin1Char('-'));
            QCOMPARE(groups.size(), 12);
            for (const QString& g : groups)
                QVERIFY(g.size() == 4 || g.size() == 5);
            const auto back = crypto::decodeRecoveryKey(text);
            QVERIFY2(back.ok(), qPrintable(text));
            QCOMPARE(back.value(), key);
        }
    }

    void wrongKeySizeGivesNoText()
    {
        QVERIFY(crypto::encodeRecoveryKey(QByteArray(31, 'x')).isEmpty());
        QVERIFY(crypto::encodeRecoveryKey(QByteArray(33, 'x')).isEmpty());
        QVERIFY(crypto::encodeRecoveryKey(QByteArray()).isEmpty());
    }

    void caseSpacesAndDashesAreForgiven()
    {
        const QByteArray key = randomKey();
        const QString text = crypto::encodeRecoveryKey(key);
        QString plain = text;
        plain.remove(QLatin1Char('-'));
        const QStringList variants = {
            text.toLower(),
            plain,
            plain.toLower(),
            QString(text).replace(QLatin1Char('-'), QLatin1Char(' ')),
            QStringLiteral("  ") + QString(text).replace(QLatin1Char('-'), QStringLiteral(" - ")) + QStringLiteral("\n"),
            // Regrouped by a person copying in blocks of 3 with double dashes.
            [&] {
                QString s;
                for (int i = 0; i < plain.size(); ++i) {
                    if (i && i % 3 == 0)
                        s += QStringLiteral("--");
                    s += plain.at(i);
                }
                return s;
            }(),
        };
        for (const QString& v : variants) {
            const auto r = crypto::decodeRecoveryKey(v);
            QVERIFY2(r.ok(), qPrintable(v));
            QCOMPARE(r.value(), key);
        }
    }

    void lookAlikeDigitsAreForgiven()
    {
        // Find keys whose text holds O, I and B, then write them as 0, 1 and 8.
        int tried = 0;
        for (int found = 0; found < 5 && tried < 10000; ++tried) {
            const QByteArray key = randomKey();
            const QString text = crypto::encodeRecoveryKey(key);
            if (!text.contains(QLatin1Char('O')) || !text.contains(QLatin1Char('I')) || !text.contains(QLatin1Char('B')))
                continue;
            ++found;
            QString typed = text;
            typed.replace(QLatin1Char('O'), QLatin1Char('0')).replace(QLatin1Char('I'), QLatin1Char('1'))
                .replace(QLatin1Char('B'), QLatin1Char('8'));
            const auto r = crypto::decodeRecoveryKey(typed.toLower());
            QVERIFY2(r.ok(), qPrintable(typed));
            QCOMPARE(r.value(), key);
        }
        QVERIFY(tried < 10000);
    }

    void everySingleSubstitutionIsCaught()
    {
        const QString alphabet = QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
        for (int sample = 0; sample < 3; ++sample) {
            const QString text = crypto::encodeRecoveryKey(randomKey());
            int checked = 0;
            for (int i = 0; i < text.size(); ++i) {
                if (text.at(i) == QLatin1Char('-'))
                    continue;
                for (QChar c : alphabet) {
                    if (c == text.at(i))
                        continue;
                    QString typo = text;
                    typo[i] = c;
                    expectInvalid(typo);
                    if (QTest::currentTestFailed())
                        return;
                    ++checked;
                }
            }
            QCOMPARE(checked, 58 * 31);
        }
    }

    void otherMistakesAreCaught()
    {
        const QString text = crypto::encodeRecoveryKey(randomKey());
        QString plain = text;
        plain.remove(QLatin1Char('-'));
        expectInvalid(QString());
        expectInvalid(QStringLiteral("hello"));
        expectInvalid(plain.left(57));                        // one character missing
        expectInvalid(plain + QLatin1Char('A'));              // one too many
        expectInvalid(text.section(QLatin1Char('-'), 0, 10)); // last group missing
        expectInvalid(QString(plain).replace(10, 1, QLatin1Char('9'))); // not in the alphabet
        expectInvalid(QString(plain).replace(10, 1, QLatin1Char('!')));
        // Every swap of two neighbouring, different characters.
        for (int i = 0; i + 1 < plain.size(); ++i) {
            if (plain.at(i) == plain.at(i + 1))
                continue;
            QString swapped = plain;
            std::swap(swapped[i], swapped[i + 1]);
            expectInvalid(swapped);
            if (QTest::currentTestFailed())
                return;
        }
    }
};

QTEST_GUILESS_MAIN(TestRecoveryKey)
#include "tst_recoverykey.moc"
