package org.gapmap.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gapmap.core.TestInputs.box;
import static org.gapmap.core.TestInputs.neighborhood;
import static org.gapmap.core.TestInputs.source;

import java.util.List;
import java.util.Map;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.RegionId;
import org.junit.jupiter.api.Test;

class AdoptionReaderTest {
  private static final String HOME = "Home Broadband Adoption (Percentage of Households)";

  // Lines copied unchanged from the NYC Internet Master Plan table (by NTA 2010): its 78-column
  // header, whose last cells wrap over five lines, and some of its rows. BK21 ends in a quoted note
  // with a line break; BX98 (Rikers Island) has 0 households; MN99 (parks and cemeteries) is not in
  // the test region.
  private static final String HEADER =
      """
      Neighborhood Tabulation Area Code (NTA Code),Neighborhood Tabulation Area Name (NTA NAME),Borough Name,Total Population,Population Density (per Sq. Mi.),Total Number of Households,Area (Sq. Mi.),Street Mileage,Home Broadband Adoption (Percentage of Households),"Home Broadband Adoption by Quartiles (High, Medium-High, Medium-Low, Low)",Mobile Broadband Adoption (Percentage of Households),"Mobile broadband adoption by Quartiles (High, Medium-High, Medium-Low, Low)",Mobile Dependent Households (Percentage of Households),"Mobile Dependent Households Categorized by Quartiles (High, Medium-High, Medium-Low, Low)",Residential Broadband Choice Average by NTA,"Residential Broadband Choice Average by Quartiles (High, Medium-High, Medium-Low, Low)",Commercial Fiber ISP Choice Average by NTA,"Commercial Fiber Choice Average by Quartiles (High, Medium-High, Medium-Low, Low)",Commercial Fiber Max ISP Choice by NTA,"Commercial Fiber Max ISP Choice by Quartiles (High, Medium-High, Medium-Low, Low)",Percentage of Blocks without a Commercial Fiber Provider,Percentage of Blocks without a Commercial Fiber Provider by Quartiles,Percentage of Blocks with ISP Reported Speed Availability of >=25 Mbps (Broadband Speed),Percentage of Blocks with ISP Reported Speed Availability of >=900 Mbps,Number of Public Computer Centers with free public Wi-Fi,Public Wi-Fi in NYC Count,Number of Free Public Wi-Fi Access Points in a Pedestrian Corridor,Available Free Public Wi-Fi in a Pedestrian Corridor (Y/N),Estimated Number of Businesses,Number of Households,Total Accounts,Account Density,Account Density Quartile,Population Projections 2050,Households Receiving Benefits,Estimated Lifeline Eligible Households,Supportive Housing (NYCDHS),Low-Income Housing (NYCHA),Presence of IBZs,Number of NYCHA Buildings,Number of Public Schools,Number of DCAS Buildings,Number of NYC H+H Buildings,City Buildings with High Rooftops (7+ Floors) Capacity by Quartile,Street Furniture: FDNY Call Boxes,Street Furniture: Parking Pay Stations,Street Furniture: Bus Stop Shelters,Street Furniture: Bike Shelters,Street Furniture: City Benches,LinkNYC Kiosks,WalkNYC Sign Locations,Poles Reserved by Mobile Telecom Franchisee,Pole with Equipment Installed by Mobile Telecom Franchise,Density of Poles Reserved and with Equipment Installed for Mobile Telecom Franchise,Mobile Telecom Franchise Pole Density Level by Quartile,Empire City Subway Coverage (Percentage),Empire City Subway Coverage (Quartile),Percentage of Households with fewer than 3 broadband options available,Number of Fixed Wireless Providers Available,Estimated Aerial Plant Coverage (Percentage),Estimated Underground Plant Coverage (Percentage),Geographic Variations in Fiber Delivery Modes by NTA,Estimated Underground Utility Conflict Volume,Utility Pole Make-Ready - Estimated Required Number of Moves,Utility Pole Make-Ready - Estimated Relative Volume,NYC Internet Master Plan Open Access Infrastructure Cost Comparison Coefficient,NYC Internet Master Plan Open Access Infrastructure Cost Comparison Coefficient by Quartile,"Fiber Drops, Estimated Relative Costs","Indoor Cabling for Multiple Dwelling Units, Estimated  Relative Costs","Optimal for Unlicensed
      Millimeter Wave Fixed Wireless Access as a Residential
      Broadband Solution","Percentage Optimal for Unlicensed
      Millimeter Wave Fixed Wireless Access as a Residential
      Broadband Solution",Estimated number of radio sites for CBRS coverage,Estimated number of radio sites for mmWave coverage in optimal areas,Sample of NTA Field Surveyed? (Y/N),Reviewed for Underground Fiber-to-the-Premise? (Y/N),Reviewed for Aerial Fiber-to-the-Premise? (Y/N),Reviewed for Millimeter Wave Fixed Wireless Access? (Y/N),Field Survey Findings
      """;
  private static final String BK09 =
      """
      BK09,Brooklyn Heights-Cobble Hill,Brooklyn,"24,140","67,407.17","11,115",0.36,19,0.85,High,0.82,High,0.04,Medium Low,2.6,High,2,High,6,High,0.27,High,1,1,2,27,17,true,"3,097","11,115","14,212",748,High,"25,509",42,225,0,0,false,0,1,4,0,High,45,65,6,0,10,5,0,6,19,1.32,High,0,N/A,0.25,2,0,0.88,Underground Network Areas,High,4.5,High,1.22,Medium High,High,Low,YES,0.37,174,39,NO,NO,NO,NO,NONE
      """;
  private static final String BK21 =
      """
      BK21,Seagate-Coney Island,Brooklyn,"29,677","21,334.49","11,236",1.39,25,0.59,Low,0.54,Low,0.06,High,1.8,Low,1.2,Low,3,Medium High,0.2,Medium High,0.99,0.76,5,32,0,false,771,"11,236","12,007",480,Medium High,"40,788",748,"2,980",116,"4,098",false,9,5,9,0,Low,31,38,15,0,10,0,4,13,4,0.68,Medium High,0,N/A,1,2,0.63,0.42,Above and Underground Network,Average,4.5,High,1,Medium High,Average,Average,YES,0.36,82,0,YES,NO,YES,YES,"Low make-ready requirements. Some locations had telecom service drops crossing the roadway without proper clearance
      Area suitable for fixed wireless."
      """;
  private static final String BK72 =
      """
      BK72,Williamsburg,Brooklyn,"33,767","81,227.34","8,339",0.42,19,0.23,Low,0.34,Low,0.04,Medium Low,2.3,Medium High,1.1,Low,2,Medium Low,0.5,High,1,1,1,1,0,false,"1,840","8,339","10,179",536,Medium High,"44,875",580,"4,469",0,"1,269",false,4,6,2,0,Medium Low,40,22,7,0,2,0,3,6,6,0.63,Medium High,0,N/A,0.59,1,0,1,Underground Network Areas,Average,4.5,High,0.86,Medium Low,Average,Average,YES,0.83,82,0,NO,NO,NO,NO,NONE
      """;
  private static final String BX98 =
      """
      BX98,Rikers Island,Bronx,"12,780","19,661.53",0,0.65,16,0,Low,0,Low,0,Low,1,Low,1,Low,1,Low,0.96,High,0.07,0.04,0,0,0,false,,,,,,,,,,,,,,,,,,,,,,,0,,,,,,,,,,,,,,,,,,,,,,,,,,,
      """;
  private static final String MN99 =
      """
      MN99,park-cemetery-etc-Manhattan,Manhattan,"1,662",506.7,0,3.28,97,0,Low,0,Low,0,Low,2.1,Medium High,1.5,Medium-High,3,Medium High,0,Low,1,0.58,1,44,1,true,,,,,,,,,,,,,,,,,,,,,,,3,44,60,1.07,Medium High,,,,,,,,,,,,,,,,,,,,,,,
      """;

  /**
   * The table as published: a UTF-8 byte-order mark, then header line 1-5, BK09 on line 6, BK72 on
   * line 9.
   */
  private static final String IMP = "\uFEFF" + HEADER + BK09 + BK21 + BK72 + BX98 + MN99;

  private static final UploadOptions NYC_IMP = new UploadOptions("nyc-imp", Map.of(), null, null);

  private static final RegionContext REGION =
      new RegionContext(
          RegionId.of("nyc-nta2010"),
          List.of(
              neighborhood("BK09", box(-74.00, 40.69, -73.99, 40.70)),
              neighborhood("BK21", box(-74.00, 40.57, -73.99, 40.58)),
              neighborhood("BK72", box(-73.96, 40.70, -73.95, 40.71)),
              neighborhood("BX98", box(-73.89, 40.78, -73.88, 40.79)),
              neighborhood("QN01", box(-73.80, 40.70, -73.79, 40.71))));

  private static ReadResult read(String csv, UploadOptions options) {
    return new AdoptionReader().read(source("imp.csv", csv), REGION, options);
  }

  private static Indicators of(ReadResult result, String id) {
    return result.indicators().get(NeighborhoodId.of(id));
  }

  @Test
  void presetReadsTheRealTable() {
    ReadResult result = read(IMP, NYC_IMP);

    assertThat(result.label()).isEqualTo("adoption");
    assertThat(result.indicators().keySet())
        .extracting(NeighborhoodId::value)
        .containsExactly("BK09", "BK21", "BK72", "BX98");
    Indicators williamsburg = of(result, "BK72");
    assertThat(williamsburg.get("home_broadband_adoption")).hasValue(0.23);
    assertThat(williamsburg.get("mobile_broadband_adoption")).hasValue(0.34);
    assertThat(williamsburg.get("mobile_dependent_share")).hasValue(0.04);
    assertThat(williamsburg.get("households")).hasValue(8339.0);
    assertThat(williamsburg.get("population")).hasValue(33767.0);
    assertThat(of(result, "BK21").get("home_broadband_adoption")).hasValue(0.59);
    assertThat(of(result, "BK21").get("households")).hasValue(11236.0);
  }

  @Test
  void thousandsSeparatorsAreParsed() {
    Indicators heights = of(read(IMP, NYC_IMP), "BK09");

    assertThat(heights.get("households")).hasValue(11115.0);
    assertThat(heights.get("population")).hasValue(24140.0);
  }

  @Test
  void householdsWithoutHomeBroadbandAreRoundedFromHouseholdsAndAdoption() {
    ReadResult result = read(IMP, NYC_IMP);

    assertThat(of(result, "BK72").get("no_home_broadband_households"))
        .hasValue((double) Math.round(8339 * (1 - 0.23)))
        .hasValue(6421.0);
    assertThat(of(result, "BK09").get("no_home_broadband_households"))
        .hasValue((double) Math.round(11115 * (1 - 0.85)))
        .hasValue(1667.0);
  }

  @Test
  void rowWithNoHouseholdsHasNoAdoptionShares() {
    ReadResult result = read(IMP, NYC_IMP);

    Indicators rikers = of(result, "BX98");
    assertThat(rikers.names()).containsExactly("households", "population");
    assertThat(rikers.get("households")).hasValue(0.0);
    assertThat(rikers.has("home_broadband_adoption")).isFalse();
    assertThat(rikers.has("no_home_broadband_households")).isFalse();
    assertThat(result.report().notes())
        .contains("1 neighborhoods with 0 households get no adoption shares: BX98");
  }

  @Test
  void reportCountsUnmatchedRowsAndNeighborhoodsWithoutARow() {
    ReadResult result = read(IMP, NYC_IMP);

    assertThat(result.report().rowsRead()).isEqualTo(5);
    assertThat(result.report().rowsUsed()).isEqualTo(4);
    assertThat(result.report().rowsSkipped()).isEqualTo(1);
    assertThat(result.report().notes())
        .contains(
            "1 rows name no neighborhood of the region and were skipped: MN99",
            "1 neighborhoods of the region have no row in the table");
    assertThat(result.indicators()).doesNotContainKey(NeighborhoodId.of("QN01"));
  }

  @Test
  void percentagesInAGenericFileAreDividedBy100() {
    String csv =
        "id,households,home_broadband_adoption,mobile_broadband_adoption\n"
            + "BK09,\"11,115\",85,35\n"
            + "BK72,\"8,339\",57,N/A\n";

    ReadResult result = read(csv, UploadOptions.defaults());

    assertThat(of(result, "BK09").get("home_broadband_adoption")).hasValue(0.85);
    assertThat(of(result, "BK09").get("mobile_broadband_adoption")).hasValue(0.35);
    assertThat(of(result, "BK72").get("home_broadband_adoption")).hasValue(0.57);
    assertThat(of(result, "BK72").has("mobile_broadband_adoption")).isFalse();
    assertThat(of(result, "BK72").get("no_home_broadband_households")).hasValue(3586.0);
    assertThat(result.report().notes())
        .contains(
            "home_broadband_adoption: read as percentages (0-100) and divided by 100",
            "mobile_broadband_adoption: read as percentages (0-100) and divided by 100");
  }

  @Test
  void fractionsInAGenericFileAreKept() {
    String csv = "NTACode,home_broadband_adoption\nBK09,0.85\nBK72,1\n";

    ReadResult result = read(csv, UploadOptions.defaults());

    assertThat(of(result, "BK09").get("home_broadband_adoption")).hasValue(0.85);
    assertThat(of(result, "BK72").get("home_broadband_adoption")).hasValue(1.0);
    assertThat(of(result, "BK09").has("no_home_broadband_households")).isFalse();
  }

  @Test
  void shareAbove100PercentIsRejected() {
    String csv = "id,home_broadband_adoption\nBK09,85\nBK72,123\n";

    assertThatThrownBy(() -> read(csv, UploadOptions.defaults()))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("above 100 %");
  }

  @Test
  void nonNumericCellIsRejectedNamingLineAndColumn() {
    String csv = "\uFEFF" + HEADER + BK09 + BK21 + BK72.replace(",0.23,Low,", ",abc,Low,") + BX98;

    assertThatThrownBy(() -> read(csv, NYC_IMP))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("imp.csv: line 9, column '" + HOME + "'")
        .hasMessageContaining("\"abc\"");
  }

  @Test
  void negativeValueIsRejected() {
    String csv = "id,households,home_broadband_adoption\nBK09,-5,0.5\n";

    assertThatThrownBy(() -> read(csv, UploadOptions.defaults()))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("line 2, column 'households'")
        .hasMessageContaining("negative");
  }

  @Test
  void duplicateIdIsRejectedWithBothLines() {
    String csv = HEADER + BK09 + BK72 + BK21 + BK72;

    assertThatThrownBy(() -> read(csv, NYC_IMP))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("line 10")
        .hasMessageContaining("'BK72' appears again (first on line 7)");
  }

  @Test
  void fileMatchingNoNeighborhoodIsRejected() {
    RegionContext elsewhere =
        new RegionContext(RegionId.of("elsewhere"), List.of(neighborhood("XX01", box(0, 0, 1, 1))));

    assertThatThrownBy(() -> new AdoptionReader().read(source("imp.csv", IMP), elsewhere, NYC_IMP))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("no row matches a neighborhood of region elsewhere")
        .hasMessageContaining("BK09, BK21, BK72, BX98, MN99");
  }

  @Test
  void unknownPresetIsAnIllegalArgument() {
    UploadOptions options = new UploadOptions("nyc-imp-2025", Map.of(), null, null);

    assertThatThrownBy(() -> read(IMP, options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown adoption preset 'nyc-imp-2025'")
        .hasMessageContaining("nyc-imp");
  }

  @Test
  void mappingToAMissingColumnIsRejected() {
    UploadOptions options =
        new UploadOptions("nyc-imp", Map.of("households", "Households 2020"), null, null);

    assertThatThrownBy(() -> read(IMP, options))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("column 'Households 2020'")
        .hasMessageContaining("--map households=Households 2020");
  }

  @Test
  void mappingOverridesThePreset() {
    UploadOptions options =
        new UploadOptions("nyc-imp", Map.of("households", "Number of Households"), null, null);

    ReadResult result = read(IMP, options);

    // the table's second household column is blank for Rikers Island, so it keeps its shares
    assertThat(of(result, "BX98").has("households")).isFalse();
    assertThat(of(result, "BX98").get("home_broadband_adoption")).hasValue(0.0);
    assertThat(of(result, "BK72").get("households")).hasValue(8339.0);
  }

  @Test
  void mappingForAnUnknownFieldIsAnIllegalArgument() {
    UploadOptions options = new UploadOptions(null, Map.of("latitude", "Lat"), null, null);

    assertThatThrownBy(() -> read(IMP, options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no field 'latitude'");
  }

  @Test
  void genericFileWithoutAnAdoptionColumnIsRejected() {
    String csv = "id,households\nBK09,100\n";

    assertThatThrownBy(() -> read(csv, UploadOptions.defaults()))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("no adoption column");
  }

  @Test
  void presetsAreListed() {
    assertThat(AdoptionReader.presets()).containsExactly("acs-b28002", "nyc-imp");
  }
}
