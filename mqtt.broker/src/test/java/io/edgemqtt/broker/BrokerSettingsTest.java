package io.edgemqtt.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerSettingsTest {

    @Test
    void defaultsListenOnLoopbackPort1883WithPersistenceAndAnonymousClients() throws Exception {
        BrokerSettings settings = BrokerSettings.parse(Map.of());
        assertTrue(settings.enabled);
        assertEquals("127.0.0.1", settings.bindAddress.getHostAddress());
        assertEquals(1883, settings.port);
        assertTrue(settings.portFallback);
        assertEquals(Path.of("runtime-data/broker").toAbsolutePath(), settings.persistenceDirectory.orElseThrow());
        assertEquals(1_048_576, settings.maximumMessageSize);
        assertTrue(settings.allowAnonymous);
        assertTrue(settings.credentials.isEmpty());
    }

    @Test
    void valuesFromACfgFileAreStrings() throws Exception {
        BrokerSettings settings = BrokerSettings.parse(Map.of("enabled", "false", "port", "1884",
                "persistence.enabled", "false", "maximumMessageSize", "65536", "portFallback", "false"));
        assertFalse(settings.enabled);
        assertEquals(1884, settings.port);
        assertFalse(settings.portFallback);
        assertTrue(settings.persistenceDirectory.isEmpty());
        assertEquals(65_536, settings.maximumMessageSize);
    }

    @Test
    void typedValuesFromConfigAdminAreAccepted() throws Exception {
        BrokerSettings settings = BrokerSettings.parse(Map.of("port", 0, "enabled", Boolean.TRUE));
        assertEquals(0, settings.port);
    }

    @Test
    void anonymousClientsAreRefusedByDefaultOffLoopback() throws Exception {
        InvalidConfigurationException error = assertThrows(InvalidConfigurationException.class,
                () -> BrokerSettings.parse(Map.of("bindAddress", "0.0.0.0")));
        assertEquals("property 'allowAnonymous': is false, but no username and .password are set: no client could "
                + "connect", error.getMessage());
        BrokerSettings withLogin = BrokerSettings.parse(Map.of("bindAddress", "0.0.0.0", "username", "gateway",
                ".password", "secret"));
        assertFalse(withLogin.allowAnonymous);
        assertEquals("gateway", withLogin.credentials.orElseThrow().username);
        assertTrue(BrokerSettings.parse(Map.of("bindAddress", "0.0.0.0", "allowAnonymous", "true")).allowAnonymous);
    }

    @Test
    void theCredentialsNeverPrintThePassword() throws Exception {
        BrokerSettings settings = BrokerSettings.parse(Map.of("username", "u", ".password", "topsecret"));
        assertFalse(settings.credentials.orElseThrow().toString().contains("topsecret"));
    }

    @Test
    void anInvalidValueNamesItsProperty() {
        assertEquals("property 'port': 'eighteen' is not a whole number", assertThrows(
                InvalidConfigurationException.class, () -> BrokerSettings.parse(Map.of("port", "eighteen")))
                .getMessage());
        assertEquals("property 'port': 70000 is not between 0 and 65535", assertThrows(
                InvalidConfigurationException.class, () -> BrokerSettings.parse(Map.of("port", "70000")))
                .getMessage());
        assertEquals("property 'enabled': 'yes' is not true or false", assertThrows(
                InvalidConfigurationException.class, () -> BrokerSettings.parse(Map.of("enabled", "yes")))
                .getMessage());
        assertEquals("property 'bindAddress': 'no such host.invalid' is not an address of this host", assertThrows(
                InvalidConfigurationException.class,
                () -> BrokerSettings.parse(Map.of("bindAddress", "no such host.invalid"))).getMessage());
        assertEquals("property '.password': is needed with username 'u'", assertThrows(
                InvalidConfigurationException.class, () -> BrokerSettings.parse(Map.of("username", "u")))
                .getMessage());
        assertEquals("property 'maximumMessageSize': 10 is not between 1024 and 268435455", assertThrows(
                InvalidConfigurationException.class, () -> BrokerSettings.parse(Map.of("maximumMessageSize", "10")))
                .getMessage());
    }
}
