package org.zhaoshang.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code app.review} as Spring binds it from the configuration. */
class ReviewPropertiesTest {

    @Test
    void eliminatedIsNoVetoUnlessTheDistrictConfiguresIt() {
        // Policy 001: "环保、消防部门对项目引进具有一票否决权"; the industry departments "提出产业指导方向，为项目引进提供依据".
        ReviewProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("app.review", ReviewProperties.class);
        assertThat(defaults.eliminatedIsVeto()).isFalse();
        assertThat(defaults.maxCorrections()).isEqualTo(2);
        assertThat(defaults.eliminatedRule()).contains("记为该部门不同意引进", "提交项目论证会审议", "不终止评审", "一票否决权仅属环保、消防部门");

        ReviewProperties district = new Binder(new MapConfigurationPropertySource(Map.of("app.review.eliminated-is-veto", "true")))
                .bind("app.review", ReviewProperties.class).get();
        assertThat(district.eliminatedIsVeto()).isTrue();
        assertThat(district.eliminatedRule()).startsWith("本区规定：").contains("予以否决", "政策规定一票否决权属环保、消防部门");
    }
}
