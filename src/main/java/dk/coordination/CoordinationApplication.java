package dk.coordination;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CoordinationApplication {

	public static void main(String[] args) {
		SpringApplication.run(CoordinationApplication.class, args);
	}

}
