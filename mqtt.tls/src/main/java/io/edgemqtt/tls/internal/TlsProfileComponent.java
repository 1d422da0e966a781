package io.edgemqtt.tls.internal;

import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Factory PID {@value #PID}: one TLS profile per configuration, registered as an
 * {@link io.edgemqtt.api.spi.TransportSecurity} service with {@code mqtt.tls.profile=<name>} once its files were
 * read and found valid (so DS does not declare the service; see bnd.bnd). A configuration change makes DS create a new
 * instance, which registers a new service; a change of the files on disk replaces the service in place.
 */
@Component(configurationPid = TlsProfileComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = TlsProfileConfig.class, factory = true)
public final class TlsProfileComponent {
    static final String PID = "mqtt.tls";

    private final TlsProfile profile;

    /**
     * @param config the configuration
     * @param properties the component properties (for {@code service.pid})
     * @param context the bundle context, to register the service
     * @param watcher the bundle's file watcher
     */
    @Activate
    public TlsProfileComponent(TlsProfileConfig config, Map<String, Object> properties, BundleContext context,
            @Reference MaterialWatcher watcher) {
        Object servicePid = properties.get("service.pid");
        String pid = servicePid == null ? PID : String.valueOf(servicePid);
        ProfileSettings settings;
        try {
            settings = ProfileSettings.from(config, pid);
        } catch (TlsConfigException e) {
            TlsProfile.logInvalid(pid, ProfileSettings.profileName(config.name(), pid), e);
            profile = null;
            return;
        }
        profile = new TlsProfile(pid, settings, watcher, ServicePublisher.of(context));
    }

    /** Unregisters the profile and stops watching its files. */
    @Deactivate
    public void deactivate() {
        if (profile != null) {
            profile.close();
        }
    }
}
