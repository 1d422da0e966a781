package io.edgemqtt.impl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerReferenceTest {

    @ParameterizedTest(name = "{1} from {0}")
    @CsvSource(nullValues = "null", value = {
        "tcp://a:1883, other, tcp://other",
        "tcp://a:1883, other:1884, tcp://other:1884",
        "ssl://a:8883, other:8884, ssl://other:8884",
        "mqtts://a, other, mqtts://other",
        "tcp://a:1883, 10.10.151.22:8883 [fe80::9610:3eff:fe1c]:1883, tcp://10.10.151.22:8883",
        "tcp://a:1883, [fe80::1]:1885, tcp://[fe80::1]:1885",
        "tcp://a:1883, [fe80::1], tcp://[fe80::1]",
        "tcp://a:1883, ssl://b:8883, ssl://b:8883",
        "tcp://a:1883, '  padded:1 ', tcp://padded:1",
        "tcp://a:1883, fe80::1, null",
        "tcp://a:1883, host:notaport, null",
        "tcp://a:1883, host:70000, null",
        "tcp://a:1883, '', null",
        "tcp://a:1883, [fe80::1, null",
    })
    void readsHostAndPortWithTheCurrentScheme(String current, String reference, String expected) {
        URI next = ServerReference.resolve(URI.create(current), reference);
        assertEquals(expected == null ? null : URI.create(expected), next);
    }
}
