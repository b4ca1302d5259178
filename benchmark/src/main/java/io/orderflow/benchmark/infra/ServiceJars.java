package io.orderflow.benchmark.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How the service's apps are run: their executable jars from the build, started like
 * {@code bin/start} starts them, with the java of this JVM and the options in
 * {@code bin/jvm.options}.
 */
public final class ServiceJars {

	static final String JVM_OPTIONS = "bin/jvm.options";

	private ServiceJars() {
	}

	/**
	 * The options in {@code bin/jvm.options}, one per line as java reads them, without
	 * the comments.
	 */
	public static List<String> jvmOptions(Path root) throws IOException {
		return Files.readAllLines(root.resolve(JVM_OPTIONS))
			.stream()
			.map(String::trim)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
	}

	/**
	 * Newest executable jar of a module, skipping the plain/tests/sources/javadoc ones.
	 */
	static Path jarOf(Path root, String module) throws IOException {
		Path target = root.resolve(module).resolve("target");
		try (Stream<Path> files = Files.list(target)) {
			Optional<Path> jar = files.filter((file) -> {
				String name = file.getFileName().toString();
				return name.startsWith(module + "-") && name.endsWith(".jar") && !name.endsWith("-plain.jar")
						&& !name.endsWith("-tests.jar") && !name.endsWith("-sources.jar")
						&& !name.endsWith("-javadoc.jar");
			}).max(Comparator.comparing(ServiceJars::lastModified));
			return jar.orElseThrow(() -> new IllegalStateException(
					"no jar in " + target + "; build with ./mvnw -B -DskipTests -Pbenchmark package"));
		}
		catch (NoSuchFileException ex) {
			throw new IllegalStateException("no " + target + "; build with ./mvnw -B -DskipTests -Pbenchmark package",
					ex);
		}
	}

	private static long lastModified(Path file) {
		try {
			return Files.getLastModifiedTime(file).toMillis();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
