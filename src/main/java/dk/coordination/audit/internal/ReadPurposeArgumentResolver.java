package dk.coordination.audit.internal;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dk.coordination.audit.ReadPurpose;
import dk.coordination.web.InvalidFieldException;

/**
 * Resolves {@link ReadPurpose} parameters, so every endpoint that reads personal data
 * takes its purpose the same way.
 */
@Configuration(proxyBeanMethods = false)
class ReadPurposeArgumentResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

	static final int MAX_LENGTH = 200;

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.hasParameterAnnotation(ReadPurpose.class) && parameter.getParameterType() == String.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest request, WebDataBinderFactory binderFactory) {
		String stated = request.getParameter("purpose");
		if (stated == null) {
			stated = request.getHeader(ReadPurpose.HEADER);
		}
		if (stated == null || stated.isBlank()) {
			return parameter.getParameterAnnotation(ReadPurpose.class).value();
		}
		String purpose = stated.strip();
		if (purpose.length() > MAX_LENGTH || purpose.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidFieldException("purpose", "must be at most " + MAX_LENGTH + " characters of plain text");
		}
		return purpose;
	}

}
