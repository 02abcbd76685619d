package dk.coordination.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Starts the same work on several threads at the same moment, as several instances of the
 * service would, and collects what each returned.
 */
public final class Race {

	private Race() {
	}

	public static <T> List<T> of(int contenders, Callable<T> work) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(contenders);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<T>> runs = new ArrayList<>();
			for (int i = 0; i < contenders; i++) {
				runs.add(threads.submit(() -> {
					start.await();
					return work.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> run : runs) {
				results.add(run.get(30, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			threads.shutdownNow();
		}
	}

}
