package jp.ofuku.web;

import java.security.Principal;
import java.util.Locale;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** Japanese by default, English on request (?lang=en, remembered in a cookie); who is signed in, for every page. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ConsoleWeb implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("ofuku-lang");
        resolver.setDefaultLocale(Locale.JAPANESE);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor lang = new LocaleChangeInterceptor();
        lang.setParamName("lang");
        registry.addInterceptor(lang);
    }

    @ControllerAdvice
    static class SignedIn {

        /** The same page in the other language, its query kept (a resident search is not lost by switching). */
        @ModelAttribute("languageSwitch")
        String languageSwitch(jakarta.servlet.http.HttpServletRequest request, Locale locale) {
            String other = "ja".equals(locale.getLanguage()) ? "en" : "ja";
            return org.springframework.web.util.UriComponentsBuilder.fromPath(request.getRequestURI())
                    .query(request.getQueryString()).replaceQueryParam("lang", other).build().toUriString();
        }

        @ModelAttribute
        void who(Principal principal, Model model) {
            if (principal instanceof Authentication a && a.isAuthenticated()) {
                String role = a.getAuthorities().stream().map(g -> g.getAuthority().replaceFirst("^ROLE_", "").toLowerCase(Locale.ROOT))
                        .findFirst().orElse("");
                model.addAttribute("who", a.getName());
                model.addAttribute("role", role);
                model.addAttribute("supervisor", role.equals("supervisor"));
            } else {
                model.addAttribute("supervisor", false);
            }
        }
    }
}
