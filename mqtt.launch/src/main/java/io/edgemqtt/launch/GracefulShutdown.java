package io.edgemqtt.launch;

import java.io.PrintStream;
import java.util.Hashtable;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.launch.Framework;

/**
 * Orderly shutdown for the exported runtime (bnd launcher).
 * <p>
 * Left alone, the bnd launcher does not stop the framework on SIGTERM: the JVM exits with 143, no
 * bundle is stopped, and a framework stopped from the shell ({@code stop 0}) ends the process with
 * the launcher's status 117. This class is an <em>embedded activator</em> of the launcher: its jar
 * sits on {@code -runpath} and names it in the {@code Embedded-Activator} header; the launcher
 * starts it with the system bundle context right after the framework is initialised.
 * <p>
 * It registers the launcher's "main thread" ({@code Callable<Integer>} service with
 * {@code main.thread=true}). The launcher runs it on its main thread and, when it returns, stops
 * the framework, waits for it and exits with the returned status. It returns 0 when
 * <ul>
 * <li>the process receives SIGTERM or SIGINT (a second signal exits at once), or</li>
 * <li>the framework begins to stop by itself (shell {@code stop 0}, end of console input).</li>
 * </ul>
 * If the framework does not stop within {@value #TIMEOUT_PROPERTY} seconds (default
 * {@value #DEFAULT_TIMEOUT_SECONDS}) after a signal, the process exits with status 1. A JVM exit by
 * any other way while the framework runs (SIGHUP, {@code System.exit}) stops the framework from a
 * shutdown hook. Messages go straight to {@code System.err}: during JVM shutdown the console
 * handler of java.util.logging may already be gone.
 */
public final class GracefulShutdown implements BundleActivator {

	/** Read by the bnd launcher: start this activator right after framework init. */
	public static final String	IMMEDIATE				= "AFTER_FRAMEWORK_INIT";

	/** Framework or system property: how long to wait for the framework to stop, in seconds. */
	public static final String	TIMEOUT_PROPERTY		= "edgemqtt.shutdown.timeout";
	static final long			DEFAULT_TIMEOUT_SECONDS	= 30;

	static final String			PREFIX					= "edgemqtt-runtime: ";

	@Override
	public void start(BundleContext context) {
		Bundle systemBundle = context.getBundle(Constants.SYSTEM_BUNDLE_ID);
		if (!(systemBundle instanceof Framework)) {
			System.err.println(PREFIX + "system bundle is not a Framework, no orderly shutdown on SIGTERM");
			return;
		}
		Framework framework = (Framework) systemBundle;
		long timeoutMillis = timeoutMillis(context);
		PrintStream out = System.err;

		MainThread main = new MainThread();
		Hashtable<String, Object> properties = new Hashtable<>();
		properties.put("main.thread", Boolean.TRUE);
		context.registerService(Callable.class.getName(), main, properties);

		context.addBundleListener((SynchronousBundleListener) event -> {
			if (event.getType() == BundleEvent.STOPPING && event.getBundle()
				.getBundleId() == Constants.SYSTEM_BUNDLE_ID) {
				main.release();
			}
		});

		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> stopFromHook(framework, timeoutMillis, out), "edgemqtt-shutdown-hook"));

		SignalHandler handler = new SignalHandler(framework, main, timeoutMillis, out);
		handler.trap("TERM");
		handler.trap("INT");
	}

	@Override
	public void stop(BundleContext context) {
		// Nothing to undo: the service and the listener go with the framework; the hook and the
		// signal handlers find nothing left to stop.
	}

	static long timeoutMillis(BundleContext context) {
		String value = context.getProperty(TIMEOUT_PROPERTY);
		if (value != null) {
			try {
				long seconds = Long.parseLong(value.trim());
				if (seconds > 0) {
					return seconds * 1000L;
				}
			} catch (NumberFormatException e) {
				// reported below
			}
			System.err.println(PREFIX + "ignoring " + TIMEOUT_PROPERTY + "=" + value
				+ " (expected a positive number of seconds), using " + DEFAULT_TIMEOUT_SECONDS);
		}
		return DEFAULT_TIMEOUT_SECONDS * 1000L;
	}

	static boolean isRunning(Framework framework) {
		return (framework.getState() & (Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING)) != 0;
	}

	static void stopFromHook(Framework framework, long timeoutMillis, PrintStream out) {
		if (!isRunning(framework)) {
			if (framework.getState() == Bundle.RESOLVED) {
				out.println(PREFIX + "framework stopped");
			}
			return;
		}
		out.println(PREFIX + "JVM shutdown: stopping the framework");
		try {
			framework.stop();
			FrameworkEvent event = framework.waitForStop(timeoutMillis);
			out.println(PREFIX + (event.getType() == FrameworkEvent.WAIT_TIMEDOUT
				? "framework did not stop within " + timeoutMillis / 1000 + " s"
				: "framework stopped"));
		} catch (Exception e) {
			out.println(PREFIX + "stopping the framework failed: " + e);
		}
	}

	/**
	 * The launcher's main thread: waits until the runtime should end, then returns the exit status
	 * (0); the launcher then stops the framework and exits.
	 */
	static final class MainThread implements Callable<Integer> {
		private final CountDownLatch done = new CountDownLatch(1);

		void release() {
			done.countDown();
		}

		@Override
		public Integer call() throws InterruptedException {
			done.await();
			return 0;
		}
	}

	/** Replaces the JVM's handlers for SIGTERM and SIGINT, which would exit without stopping bundles. */
	static final class SignalHandler {
		private final Framework		framework;
		private final MainThread	main;
		private final long			timeoutMillis;
		private final PrintStream	out;
		private final AtomicBoolean	signalled	= new AtomicBoolean();

		SignalHandler(Framework framework, MainThread main, long timeoutMillis, PrintStream out) {
			this.framework = framework;
			this.main = main;
			this.timeoutMillis = timeoutMillis;
			this.out = out;
		}

		void trap(String signal) {
			try {
				sun.misc.Signal.handle(new sun.misc.Signal(signal), sig -> onSignal("SIG" + signal));
			} catch (IllegalArgumentException | LinkageError e) {
				// Signal not available (e.g. -Xrs): the shutdown hook still stops the framework.
			}
		}

		void onSignal(String name) {
			if (!signalled.compareAndSet(false, true)) {
				out.println(PREFIX + name + " again: exiting without waiting for the framework");
				Runtime.getRuntime()
					.halt(1);
			}
			out.println(PREFIX + name + ": stopping the framework");
			main.release();
			Thread watchdog = new Thread(this::awaitStop, "edgemqtt-shutdown-watchdog");
			watchdog.setDaemon(true);
			watchdog.start();
		}

		private void awaitStop() {
			try {
				if (framework.waitForStop(timeoutMillis)
					.getType() == FrameworkEvent.WAIT_TIMEDOUT && isRunning(framework)) {
					out.println(PREFIX + "framework did not stop within " + timeoutMillis / 1000 + " s, exiting");
					Runtime.getRuntime()
						.halt(1);
				}
			} catch (InterruptedException e) {
				Thread.currentThread()
					.interrupt();
			}
		}
	}
}
