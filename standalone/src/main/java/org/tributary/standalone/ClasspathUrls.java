package org.tributary.standalone;

import org.apache.catalina.webresources.TomcatURLStreamHandlerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;

/**
 * {@code classpath:} URLs, which the embedded broker (Qpid) reads its defaults from. Qpid brings a handler for
 * them, but the JDK looks such handlers up with the system class loader, which inside the executable jar does not
 * see the nested jars; this one resolves them with the application's class loader. (When another factory was
 * set first, Qpid's own handler has to do, which works on a plain class path.)
 */
final class ClasspathUrls {

    private static volatile boolean registered;

    private ClasspathUrls() {
    }

    static synchronized void register() {
        if (registered) {
            return;
        }
        ClassLoader loader = ClasspathUrls.class.getClassLoader();
        // the JVM takes one factory; Tomcat installs its own and keeps further ones as its users' factories
        if (!TomcatURLStreamHandlerFactory.register()) {
            registered = true;
            return;
        }
        TomcatURLStreamHandlerFactory.getInstance().addUserFactory(protocol -> !"classpath".equals(protocol) ? null
                : new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL url) throws IOException {
                    String path = url.getPath().startsWith("/") ? url.getPath().substring(1) : url.getPath();
                    URL resource = loader.getResource(path);
                    if (resource == null) {
                        throw new FileNotFoundException(url.toString());
                    }
                    return resource.openConnection();
                }
            });
        registered = true;
    }
}
